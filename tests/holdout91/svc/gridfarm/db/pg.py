from __future__ import annotations

import asyncpg

from ..settings import get_settings

_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    settings = get_settings()
    _pool = await asyncpg.create_pool(
        settings.asyncpg_dsn, min_size=2, max_size=20, timeout=10, command_timeout=30
    )
    return _pool


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("asyncpg pool not open")
    return _pool


async def close_pool() -> None:
    if _pool is not None:
        await _pool.close()
