from __future__ import annotations

import asyncpg

from readroom.settings import get_settings

_pool: asyncpg.Pool | None = None


async def init_pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        s = get_settings()
        _pool = await asyncpg.create_pool(
            dsn=s.asyncpg_dsn,
            min_size=s.asyncpg_min_size,
            max_size=s.asyncpg_max_size,
            command_timeout=s.asyncpg_command_timeout,
            timeout=10,
        )
    return _pool


def get_pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("asyncpg pool not initialised")
    return _pool


async def close_pool() -> None:
    global _pool
    if _pool is not None:
        await _pool.close()
        _pool = None
