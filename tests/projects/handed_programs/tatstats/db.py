from __future__ import annotations

import asyncpg

_pool: asyncpg.Pool | None = None


async def get_pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool("postgresql://tatstats@db/tatstats", command_timeout=10)
    return _pool
