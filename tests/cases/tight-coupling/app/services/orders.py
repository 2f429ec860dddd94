from typing import TYPE_CHECKING

from app.database import DataManager
from app.routes.admin import BLOCKED_SYMBOLS  # expect: tight-coupling
from app.services._helpers import _fmt

if TYPE_CHECKING:
    from app.routes.orders import OrderOut


class OrderService:
    def __init__(self, dm: DataManager) -> None:
        self.dm = dm
        self._placed = 0

    async def place_order(self, symbol: str) -> int:
        symbol = _fmt(symbol)
        if symbol in BLOCKED_SYMBOLS:
            raise ValueError(symbol)
        self._placed += 1
        return await self.dm.insert_order(symbol)

    async def cancel_order(self, order_id: int) -> None:
        await self.dm.cancel_order(order_id)

    def describe(self, order: "OrderOut") -> str:
        return order.symbol
