"""Raw asyncpg pool used for reporting and bulk paths where the ORM is too slow."""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

import asyncpg

from ..settings import get_settings

_pool: asyncpg.Pool | None = None


async def init_pg_pool() -> asyncpg.Pool:
    global _pool
    settings = get_settings()
    _pool = await asyncpg.create_pool(
        settings.raw_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=30,
    )
    return _pool


def get_pg_pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("pg pool not initialised")
    return _pool


@asynccontextmanager
async def pg_conn(timeout: float = 5.0) -> AsyncIterator[asyncpg.Connection]:
    async with get_pg_pool().acquire(timeout=timeout) as conn:
        yield conn


async def close_pg_pool() -> None:
    if _pool is not None:
        await _pool.close()
