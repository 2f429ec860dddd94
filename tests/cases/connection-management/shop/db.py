"""Order storage on an asyncpg pool."""
import asyncpg


class OrderStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def fill(self, order_id: int) -> None:
        conn = await self.pool.acquire(timeout=5)  # expect: connection-management
        async with conn.transaction():
            row = await conn.fetchrow("SELECT id, status FROM orders WHERE id = $1 FOR UPDATE", order_id)
            if row is None:
                raise LookupError(order_id)
            await conn.execute("UPDATE orders SET status = 'filled' WHERE id = $1", order_id)
        await self.pool.release(conn)

    async def cancel(self, order_id: int) -> None:
        conn = await self.pool.acquire(timeout=5)
        try:
            await conn.execute("UPDATE orders SET status = 'cancelled' WHERE id = $1", order_id)
        finally:
            await self.pool.release(conn)

    async def count(self) -> int:
        async with self.pool.acquire(timeout=5) as conn:
            return await conn.fetchval("SELECT count(*) FROM orders")

    async def checkout(self) -> asyncpg.Connection:
        conn = await self.pool.acquire(timeout=5)
        return conn


async def export(dsn: str) -> list:
    conn = await asyncpg.connect(dsn, timeout=10)  # expect: connection-management
    rows = await conn.fetch("SELECT * FROM orders")
    await conn.close()
    return rows
