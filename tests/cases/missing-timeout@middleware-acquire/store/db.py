from __future__ import annotations

import asyncpg

pool: asyncpg.Pool = None  # type: ignore[assignment]  # created in the lifespan


class OrderRepository:
    def __init__(self, db: asyncpg.Pool) -> None:
        self._pool = db

    async def mark_paid(self, order_id: int) -> None:
        async with self._pool.acquire() as conn:  # expect: missing-timeout
            await conn.execute("UPDATE orders SET paid = true WHERE id = $1", order_id)

    async def get(self, order_id: int) -> dict:
        async with self._pool.acquire(timeout=2.0) as conn:
            row = await conn.fetchrow("SELECT id, paid FROM orders WHERE id = $1", order_id)
        return dict(row) if row else {}
