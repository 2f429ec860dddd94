from __future__ import annotations

import asyncpg

from portops.settings import Settings


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    # ``timeout`` here bounds establishing each connection; acquire timeouts are set per call.
    return await asyncpg.create_pool(
        dsn=settings.raw_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=30,
    )


async def fetch_scalar(pool: asyncpg.Pool, sql: str, *args: object, acquire_timeout: float = 5.0) -> object:
    async with pool.acquire(timeout=acquire_timeout) as conn:
        return await conn.fetchval(sql, *args)
