from __future__ import annotations

from typing import Any

import asyncpg

from lifeline.settings import Settings


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        dsn=settings.pg_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=30,
    )


async def fetch_rows(pool: asyncpg.Pool, sql: str, *args: Any) -> list[asyncpg.Record]:
    async with pool.acquire(timeout=5) as conn:
        return await conn.fetch(sql, *args)


async def execute(pool: asyncpg.Pool, sql: str, *args: Any) -> str:
    async with pool.acquire(timeout=5) as connection:
        return await connection.execute(sql, *args)
