"""Raw asyncpg pool used by the sensor and reconciliation paths."""
from __future__ import annotations

import asyncpg

from .config import get_settings

_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    settings = get_settings()
    dsn = settings.database_url.replace("postgresql+asyncpg://", "postgresql://")
    _pool = await asyncpg.create_pool(
        dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        command_timeout=15,
    )
    return _pool


async def close_pool() -> None:
    if _pool is not None:
        await _pool.close()


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("pg pool not opened")
    return _pool


async def fetch(query: str, *args) -> list[asyncpg.Record]:
    settings = get_settings()
    async with pool().acquire(timeout=settings.pg_acquire_timeout) as conn:
        return await conn.fetch(query, *args)


async def fetchrow(query: str, *args) -> asyncpg.Record | None:
    settings = get_settings()
    async with pool().acquire(timeout=settings.pg_acquire_timeout) as conn:
        return await conn.fetchrow(query, *args)


async def execute(query: str, *args) -> str:
    settings = get_settings()
    async with pool().acquire(timeout=settings.pg_acquire_timeout) as conn:
        return await conn.execute(query, *args)
