"""Raw asyncpg pool used by the hot paths (ledger, deposit scanning)."""
from __future__ import annotations

import asyncpg

from svc.config import Settings

_pool: asyncpg.Pool | None = None


async def open_pool(settings: Settings) -> asyncpg.Pool:
    global _pool
    _pool = await asyncpg.create_pool(
        dsn=settings.raw_dsn,
        min_size=2,
        max_size=settings.db_pool_size,
        command_timeout=30,
        timeout=10,
    )
    return _pool


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("asyncpg pool not open")
    return _pool


async def close_pool() -> None:
    if _pool is not None:
        await _pool.close()
