"""Two services that call each other while holding their own locks."""
import asyncio


class Positions:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self.orders: "Orders | None" = None
        self._open: dict[int, int] = {}

    async def apply_fill(self, order_id: int, quantity: int) -> None:
        async with self._lock:
            self._open[order_id] = self._open.get(order_id, 0) + quantity

    async def close_all(self) -> None:
        async with self._lock:
            for order_id in list(self._open):
                await self.orders.cancel(order_id)
            self._open.clear()


class Orders:
    def __init__(self, positions: Positions) -> None:
        self._lock = asyncio.Lock()
        self.positions = positions
        self._status: dict[int, str] = {}

    async def fill(self, order_id: int, quantity: int) -> None:
        async with self._lock:  # expect: deadlock
            self._status[order_id] = "filled"
            await self.positions.apply_fill(order_id, quantity)

    async def cancel(self, order_id: int) -> None:
        async with self._lock:
            self._status[order_id] = "cancelled"
