"""Reward points: the service serialises its own redemptions with one lock per process."""
import asyncio

import asyncpg


class PointsService:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._lock = asyncio.Lock()

    async def redeem(self, member_id: int, points: int) -> None:
        async with self._lock:
            async with self._pool.acquire(timeout=5) as conn:
                have = await conn.fetchval("SELECT points FROM members WHERE id = $1", member_id)  # expect: race-condition
                await conn.execute("UPDATE members SET points = $2 WHERE id = $1", member_id, have - points)


class Accrual:
    """Adds the points of settled orders."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def credit(self, member_id: int, points: int) -> None:
        await self._pool.execute("UPDATE members SET points = points + $2 WHERE id = $1", member_id, points)
