"""Raw asyncpg pool used for high-volume tables (events, measurements, outbox)."""
from __future__ import annotations

import asyncpg

from fabline.core.settings import get_settings

_pool: asyncpg.Pool | None = None


async def create_pool() -> asyncpg.Pool:
    global _pool
    settings = get_settings()
    _pool = await asyncpg.create_pool(
        dsn=settings.pg_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=30,
    )
    return _pool


def get_pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("asyncpg pool not initialised")
    return _pool


async def close_pool() -> None:
    if _pool is not None:
        await _pool.close()


async def acquire_conn() -> asyncpg.Connection:
    """Check out a raw connection; callers must hand it back with release_conn."""
    return await get_pool().acquire()


async def release_conn(conn: asyncpg.Connection) -> None:
    await get_pool().release(conn)
