import asyncpg


class DataManager:  # expect: missing-docstring
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def insert_order(self, symbol: str, quantity: int) -> int:
        async with self.pool.acquire() as conn:
            row = await conn.fetchrow(
                "INSERT INTO orders (symbol, quantity) VALUES ($1, $2) RETURNING id", symbol, quantity
            )
            return row["id"]

    async def count_orders(self) -> int:
        """Number of orders, all users."""
        async with self.pool.acquire() as conn:
            value = await conn.fetchval("SELECT count(*) FROM orders")
            return int(value)

    async def ping(self) -> bool:
        return True

    async def _raw(self, sql: str) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(sql)
            return None
