"""Order placement rules."""
from app.database import DataManager


class OrderService:
    """Places orders after checking them."""

    def __init__(self, dm: DataManager) -> None:
        self.dm = dm

    async def place_order(self, symbol: str, quantity: int) -> int:
        """Validate and store an order; raises ValueError for a non-positive quantity."""
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        return await self.dm.insert_order(symbol.upper(), quantity)

    async def total(self) -> int:
        """All orders."""
        count = await self.dm.count_orders()
        return count
