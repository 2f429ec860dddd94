from __future__ import annotations

import asyncpg
import redis.asyncio as redis

pool: asyncpg.Pool | None = None
cache = redis.Redis.from_url("redis://cache:6379/0")


async def get_pool() -> asyncpg.Pool:
    global pool
    if pool is None:
        pool = await asyncpg.create_pool("postgresql://beacon@db/beacon")
    return pool
