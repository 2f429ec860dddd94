"""Periodic jobs of the web service."""
import asyncio
import logging

import asyncpg
import redis.asyncio as redis

logger = logging.getLogger(__name__)


class Cleanup:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def run(self) -> None:  # expect: worker-coordination
        while True:
            try:
                await self.pool.execute("DELETE FROM sessions WHERE expires_at < now()")
                await self.pool.execute("UPDATE orders SET status = 'expired' WHERE status = 'new'")
            except asyncpg.PostgresError:
                logger.exception("cleanup failed")
            await asyncio.sleep(60)


class Rollup:
    def __init__(self, pool: asyncpg.Pool, cache: redis.Redis) -> None:
        self.pool = pool
        self.cache = cache

    async def run(self) -> None:
        while True:
            try:
                async with self.cache.lock("rollup", timeout=50, blocking=False):
                    await self.pool.execute("INSERT INTO daily_totals SELECT day, sum(amount) FROM orders GROUP BY day")
            except Exception:
                logger.exception("rollup failed")
            await asyncio.sleep(60)


async def forward(queue: asyncio.Queue, cache: redis.Redis) -> None:
    while True:
        event = await queue.get()
        try:
            await cache.publish("events", event)
        except Exception:
            logger.exception("publish failed")
