"""One asyncpg pool for the process, handed out by an accessor."""
from typing import Any

import asyncpg

_pool: asyncpg.Pool | None = None


async def open_pool(dsn: str) -> None:
    global _pool
    _pool = await asyncpg.create_pool(dsn, min_size=2, max_size=10, command_timeout=5)


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("pool not opened")
    return _pool


async def fetch_all(sql: str, *args: Any) -> list[asyncpg.Record]:
    conn = await pool().acquire(timeout=3)  # expect: connection-management
    rows = await conn.fetch(sql, *args)
    await pool().release(conn)
    return rows


async def fetch_one(sql: str, *args: Any) -> asyncpg.Record | None:
    conn = await pool().acquire(timeout=3)
    try:
        return await conn.fetchrow(sql, *args)
    finally:
        await pool().release(conn)
