from __future__ import annotations

from typing import Any, Sequence

import asyncpg

from ..settings import Settings


async def create_raw_pool(settings: Settings) -> asyncpg.Pool:
    # timeout here bounds establishing each new connection
    return await asyncpg.create_pool(
        settings.raw_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=30,
    )


async def fetch(pool: asyncpg.Pool, sql: str, *args: Any) -> list[asyncpg.Record]:
    async with pool.acquire(timeout=5) as conn:
        return await conn.fetch(sql, *args)


async def fetchrow(pool: asyncpg.Pool, sql: str, *args: Any) -> asyncpg.Record | None:
    async with pool.acquire(timeout=5) as connection:
        return await connection.fetchrow(sql, *args)


async def copy_usage_records(pool: asyncpg.Pool, records: Sequence[tuple]) -> int:
    conn = await pool.acquire(timeout=5)
    result = await conn.copy_records_to_table(
        "usage_events",
        records=records,
        columns=["tenant_id", "api_key_id", "route", "method", "status_code", "latency_ms", "bytes_out", "ts"],
    )
    await pool.release(conn)
    return int(result.split()[-1]) if result else 0
