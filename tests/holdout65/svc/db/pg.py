"""asyncpg pool for the hot paths that bypass the ORM (floor status, reporting)."""
from __future__ import annotations

import asyncpg

from svc.config import settings

_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool(
            settings.raw_dsn,
            min_size=2,
            max_size=10,
            command_timeout=5,
            max_inactive_connection_lifetime=300,
        )
    return _pool


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("asyncpg pool not opened; call open_pool() during startup")
    return _pool


async def close_pool() -> None:
    global _pool
    if _pool is not None:
        await _pool.close()
        _pool = None
