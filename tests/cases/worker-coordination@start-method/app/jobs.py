"""Schedulers that own their task: `start()` creates it, `stop()` cancels it."""
import asyncio
import logging

import asyncpg
import redis.asyncio as redis

logger = logging.getLogger(__name__)


class ExpiryScheduler:
    def __init__(self, pool: asyncpg.Pool, interval_s: float) -> None:
        self._pool = pool
        self._interval_s = interval_s
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="expiry")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _loop(self) -> None:  # expect: worker-coordination
        while True:
            try:
                await self._pool.execute("UPDATE invoices SET status = 'expired' WHERE due_at < now() AND status = 'open'")
            except asyncpg.PostgresError:
                logger.exception("expiry round failed")
            await asyncio.sleep(self._interval_s)


class DigestScheduler:
    def __init__(self, pool: asyncpg.Pool, cache: redis.Redis) -> None:
        self._pool = pool
        self._cache = cache
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="digest")

    async def _loop(self) -> None:
        while True:
            try:
                async with self._cache.lock("digest", timeout=50, blocking=False):
                    await self._pool.execute("INSERT INTO digests SELECT tenant_id, count(*) FROM invoices GROUP BY 1")
            except Exception:
                logger.exception("digest round failed")
            await asyncio.sleep(60)
