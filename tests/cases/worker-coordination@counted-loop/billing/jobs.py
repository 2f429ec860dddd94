"""Periodic billing jobs; each numbers its rounds with itertools.count()."""
import asyncio
import itertools
import logging

import asyncpg
import redis.asyncio as redis

logger = logging.getLogger(__name__)


class InvoiceSweeper:
    """Closes overdue invoices every few minutes."""

    def __init__(self, pool: asyncpg.Pool, interval_s: int) -> None:
        self._pool = pool
        self._interval_s = interval_s

    async def run_forever(self) -> None:  # expect: worker-coordination
        for cycle in itertools.count():
            try:
                closed = await self._pool.execute("UPDATE invoices SET status = 'overdue' WHERE due_at < now()")
                logger.info("sweep", extra={"cycle": cycle, "closed": closed})
            except asyncpg.PostgresError:
                logger.exception("invoice sweep failed")
            await asyncio.sleep(self._interval_s)


class UsageRollup:
    """Folds usage rows into daily totals; one process at a time holds the lock."""

    def __init__(self, pool: asyncpg.Pool, cache: redis.Redis) -> None:
        self._pool = pool
        self._cache = cache

    async def run_forever(self) -> None:
        for cycle in itertools.count():
            try:
                async with self._cache.lock("usage-rollup", timeout=120, blocking=False):
                    await self._pool.execute("INSERT INTO usage_daily SELECT day, sum(units) FROM usage GROUP BY day")
            except Exception:
                logger.exception("usage rollup failed", extra={"cycle": cycle})
            await asyncio.sleep(60)


async def warm_up(pool: asyncpg.Pool) -> None:
    """Runs a fixed number of rounds at startup, then ends."""
    for attempt in range(3):
        await pool.execute("UPDATE plans SET cached = true")
        await asyncio.sleep(attempt)
