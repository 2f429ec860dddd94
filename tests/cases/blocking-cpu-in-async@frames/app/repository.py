"""Readings storage (asyncpg)."""
import asyncpg


class Readings:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def window(self, device_id: int, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch("SELECT ts, value FROM readings WHERE device_id = $1 LIMIT $2", device_id, limit)
