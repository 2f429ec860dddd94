"""Price book: refreshes instrument levels, one lock for the whole book."""
import asyncio

import httpx


class PriceBook:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._lock = asyncio.Lock()
        self._levels: dict[str, float] = {}

    async def _refresh(self, symbol: str) -> None:
        resp = await self._client.get(f"/quotes/{symbol}")
        async with self._lock:
            self._levels[symbol] = float(resp.json()["price"])

    async def refresh_all(self, symbols: list[str]) -> None:
        async with self._lock:
            async with asyncio.TaskGroup() as tg:
                for symbol in symbols:
                    tg.create_task(self._refresh(symbol))  # expect: deadlock

    async def refresh_outside(self, symbols: list[str]) -> None:
        """The group waits after the lock is released: the tasks only queue on it meanwhile."""
        async with asyncio.TaskGroup() as tg:
            async with self._lock:
                for symbol in symbols:
                    tg.create_task(self._refresh(symbol))

    async def refresh_later(self, symbol: str) -> None:
        """A task spawned under the lock but not waited for: it takes the lock after release."""
        async with self._lock:
            asyncio.create_task(self._refresh(symbol))
