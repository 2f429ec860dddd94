from fastapi import HTTPException

from warehouse.stock import StockRepository


class OrderService:
    def __init__(self, stock: StockRepository, carriers) -> None:
        self.stock = stock
        self.carriers = carriers

    async def place(self, sku: str, qty: int) -> None:
        on_hand, reserved = await self.stock.levels(sku)
        if on_hand - reserved < qty:  # expect: race-condition
            raise HTTPException(409, "out of stock")
        await self.carriers.quote(sku, qty)
        await self.stock.reserve(sku, qty)

    async def place_atomic(self, sku: str, qty: int) -> None:
        on_hand, reserved = await self.stock.levels(sku)
        if on_hand - reserved < qty:
            raise HTTPException(409, "out of stock")
        await self.carriers.quote(sku, qty)
        if not await self.stock.reserve_if_available(sku, qty):
            raise HTTPException(409, "out of stock")
