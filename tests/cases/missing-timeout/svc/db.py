"""Postgres and redis access."""
import asyncio

import asyncpg
import redis.asyncio as redis

from svc.config import settings


async def make_pool(dsn: str) -> asyncpg.Pool:
    return await asyncpg.create_pool(dsn, min_size=2, max_size=10, timeout=10)  # expect: missing-timeout


async def make_bounded_pool(dsn: str) -> asyncpg.Pool:
    return await asyncpg.create_pool(dsn, min_size=2, max_size=10, command_timeout=30)


cache = redis.from_url(settings.redis_url, decode_responses=True)  # expect: missing-timeout
bounded_cache = redis.Redis(host="cache", socket_timeout=2, socket_connect_timeout=1)


class Store:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def total(self) -> int:
        conn = await self.pool.acquire()  # expect: missing-timeout
        try:
            return await conn.fetchval("SELECT count(*) FROM orders")
        finally:
            await self.pool.release(conn)

    async def total_bounded(self) -> int:
        async with self.pool.acquire(timeout=2) as conn:
            return await conn.fetchval("SELECT count(*) FROM orders")

    async def total_waited(self) -> int:
        conn = await asyncio.wait_for(self.pool.acquire(), timeout=3)
        try:
            return await conn.fetchval("SELECT count(*) FROM orders")
        finally:
            await self.pool.release(conn)

    async def _raw_total(self) -> int:
        async with self.pool.acquire() as conn:
            return await conn.fetchval("SELECT count(*) FROM orders")

    async def total_guarded(self) -> int:
        async with asyncio.timeout(5):
            return await self._raw_total()

    async def hits(self, key: str) -> int:
        return int(await cache.get(key) or 0) + int(await bounded_cache.get(key) or 0)
