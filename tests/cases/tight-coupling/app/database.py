from collections import namedtuple

import asyncpg

Row = namedtuple("Row", "id symbol")


class DataManager:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_order(self, symbol: str) -> int:
        async with self._pool.acquire() as conn:
            return await conn.fetchval("INSERT INTO orders (symbol) VALUES ($1) RETURNING id", symbol)

    async def cancel_order(self, order_id: int) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE orders SET status = 'cancelled' WHERE id = $1", order_id)

    async def list_orders(self) -> list[Row]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch("SELECT id, symbol FROM orders")
            return [Row(r["id"], r["symbol"]) for r in rows]
