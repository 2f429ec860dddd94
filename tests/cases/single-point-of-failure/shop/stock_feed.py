"""Live stock levels for the product page, read over one connection opened at startup."""
import asyncpg

from shop.settings import INVENTORY_DSN


class StockFeed:
    def __init__(self) -> None:
        self.conn: asyncpg.Connection | None = None

    async def start(self) -> None:
        self.conn = await asyncpg.connect(INVENTORY_DSN, command_timeout=5)  # expect: single-point-of-failure

    async def level(self, product_id: int) -> int:
        return await self.conn.fetchval("SELECT quantity FROM stock WHERE product_id = $1", product_id)

    async def stop(self) -> None:
        await self.conn.close()


feed = StockFeed()
