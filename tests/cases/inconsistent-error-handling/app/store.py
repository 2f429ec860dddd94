"""Data access."""
import asyncpg
from fastapi import HTTPException


class Store:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def order(self, order_id: int) -> asyncpg.Record:
        row = await self.pool.fetchrow("SELECT * FROM orders WHERE id = $1", order_id)
        if row is None:
            raise HTTPException(status_code=404, detail="order not found")  # expect: inconsistent-error-handling
        return row

    async def user(self, user_id: int) -> asyncpg.Record:
        row = await self.pool.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
        if row is None:
            raise HTTPException(status_code=404, detail="user not found")
        return row

    async def cancel(self, order_id: int) -> None:
        status = await self.pool.fetchval("SELECT status FROM orders WHERE id = $1", order_id)
        if status != "new":
            raise ValueError(f"order {order_id} is {status}")
        await self.pool.execute("UPDATE orders SET status = 'cancelled' WHERE id = $1", order_id)
