from __future__ import annotations

import asyncio
import logging
import uuid
import zlib
from datetime import datetime, timedelta, timezone

import asyncpg
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pricewatch.config import Settings
from pricewatch.repositories import crawl_jobs
from pricewatch.repositories.products import ProductRepository

log = logging.getLogger(__name__)

REQUEUE_LOCK = "lock:scheduler:requeue"
RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


def shard_for_product(product_id: int, total: int) -> int:
    return zlib.crc32(str(product_id).encode()) % total


def shard_for_retailer(domain: str, total: int) -> int:
    """All jobs for one retailer go to one shard so its rate limit is enforced in one place."""
    return hash(domain.lower()) % total


def shards_owned(index: int, total: int, replicas: int) -> list[int]:
    """Shards a worker replica owns when ``replicas`` workers split ``total`` shards."""
    return [s for s in range(total) if s % replicas == index]


class CrawlScheduler:
    """Turns due products into crawl jobs, sharded by retailer."""

    def __init__(
        self,
        settings: Settings,
        sessionmaker: async_sessionmaker[AsyncSession],
        pool: asyncpg.Pool,
        client: redis.Redis,
    ) -> None:
        self._settings = settings
        self._sessionmaker = sessionmaker
        self._pool = pool
        self._redis = client
        self._owner = uuid.uuid4().hex
        self._stop = asyncio.Event()

    async def _enqueue_due(self) -> int:
        now = datetime.now(timezone.utc)
        async with self._sessionmaker() as session:
            repo = ProductRepository(session)
            due = await repo.due_for_crawl(now, limit=self._settings.crawl_batch_size * 5)
            if not due:
                return 0
            jobs = []
            for product in due:
                await session.refresh(product, ["retailer"])
                jobs.append(
                    (product.id, product.retailer_id, shard_for_retailer(product.retailer.domain, self._settings.worker_shards))
                )
            await crawl_jobs.enqueue(self._pool, jobs)
            await repo.reschedule([p.id for p in due], timedelta(minutes=self._settings.crawl_interval_minutes))
            await session.commit()
        return len(jobs)

    async def _requeue_stale(self) -> None:
        acquired = await self._redis.set(REQUEUE_LOCK, self._owner, nx=True, px=60_000)
        if not acquired:
            return
        try:
            count = await crawl_jobs.requeue_stale(self._pool)
            if count:
                log.warning("requeued %d stale crawl jobs", count)
        finally:
            await self._redis.eval(RELEASE_SCRIPT, 1, REQUEUE_LOCK, self._owner)

    async def run(self) -> None:
        log.info("crawl scheduler started (owner=%s)", self._owner)
        while not self._stop.is_set():
            try:
                queued = await self._enqueue_due()
                await self._requeue_stale()
                if queued:
                    log.info("queued %d crawl jobs", queued)
            except Exception:
                log.exception("scheduler tick failed")
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=30)
            except asyncio.TimeoutError:
                pass

    def stop(self) -> None:
        self._stop.set()
