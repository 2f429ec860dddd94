"""Pick lists: cancelling one releases stock and reopens its wave through a private helper."""
import asyncio


class PickingService:
    def __init__(self) -> None:
        self._wave_lock = asyncio.Lock()
        self._stock_lock = asyncio.Lock()
        self._stock: dict[str, int] = {}
        self._waves: dict[int, str] = {}

    async def release_wave(self, wave_id: int, sku: str) -> None:
        async with self._wave_lock:
            self._waves[wave_id] = "released"
            async with self._stock_lock:
                self._stock[sku] = self._stock.get(sku, 0) - 1

    async def cancel(self, wave_id: int, sku: str) -> None:
        async with self._stock_lock:
            self._stock[sku] = self._stock.get(sku, 0) + 1
            await self._reopen(wave_id)

    async def _reopen(self, wave_id: int) -> None:
        async with self._wave_lock:  # expect: deadlock
            self._waves[wave_id] = "open"
