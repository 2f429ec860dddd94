"""Per-corridor daily usage, kept in Postgres so every replica sees the same totals."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import asyncpg


class LimitRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def corridor_limits(self, corridor: str) -> asyncpg.Record | None:
        async with self._pool.acquire() as conn:
            return await conn.fetchrow(
                "SELECT corridor, daily_limit, per_transfer_max, tier_multiplier FROM corridor_limits"
                " WHERE corridor = $1",
                corridor,
            )

    async def used_today(self, sender_id: uuid.UUID, corridor: str, day: date) -> Decimal:
        async with self._pool.acquire(timeout=2) as conn:
            value = await conn.fetchval(
                "SELECT used FROM daily_usage WHERE sender_id = $1 AND corridor = $2 AND day = $3",
                sender_id, corridor, day,
            )
        return Decimal(value or 0)

    async def try_reserve(
        self, sender_id: uuid.UUID, corridor: str, day: date, amount: Decimal, limit: Decimal
    ) -> bool:
        async with self._pool.acquire(timeout=3) as conn:
            row = await conn.fetchrow(
                "INSERT INTO daily_usage (sender_id, corridor, day, used) VALUES ($1, $2, $3, $4)"
                " ON CONFLICT (sender_id, corridor, day) DO UPDATE SET used = daily_usage.used + EXCLUDED.used"
                " WHERE daily_usage.used + EXCLUDED.used <= $5"
                " RETURNING used",
                sender_id, corridor, day, amount, limit,
            )
        return row is not None

    async def release(self, sender_id: uuid.UUID, corridor: str, day: date, amount: Decimal) -> None:
        async with self._pool.acquire(timeout=3) as conn:
            await conn.execute(
                "UPDATE daily_usage SET used = GREATEST(used - $4, 0)"
                " WHERE sender_id = $1 AND corridor = $2 AND day = $3",
                sender_id, corridor, day, amount,
            )
