"""asyncpg pool used by the audit trail and reporting queries."""
from __future__ import annotations

import asyncpg

from svc.config import get_settings

_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    settings = get_settings()
    _pool = await asyncpg.create_pool(
        settings.audit_dsn,
        min_size=2,
        max_size=10,
        timeout=10,
        command_timeout=15,
    )
    return _pool


def get_pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("asyncpg pool is not open")
    return _pool


async def close_pool() -> None:
    global _pool
    if _pool is not None:
        await _pool.close()
        _pool = None
