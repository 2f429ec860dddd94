from __future__ import annotations

import asyncpg
import redis.asyncio as redis

_pool: asyncpg.Pool | None = None
_bus = redis.Redis(host="redis", socket_timeout=2)


def get_pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("pool not ready")
    return _pool


def bus() -> redis.Redis:
    return _bus
