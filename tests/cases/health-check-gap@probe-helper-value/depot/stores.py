"""The service's stores: postgres through asyncpg and a redis cache."""
from __future__ import annotations

import asyncpg
import redis.asyncio as redis

cache = redis.from_url("redis://cache:6379/0", socket_timeout=1.0)
_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    _pool = await asyncpg.create_pool("postgresql://depot@db/depot", command_timeout=5)
    return _pool


async def pool() -> asyncpg.Pool:
    return _pool or await open_pool()


async def stock_level(sku: str) -> int:
    conn_pool = await pool()
    return await conn_pool.fetchval("SELECT qty FROM stock WHERE sku = $1", sku)
