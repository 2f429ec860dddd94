"""Evicts build caches that have not been used for CACHE_TTL_DAYS."""
from __future__ import annotations

import asyncio
import logging

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from svc.clients.object_store import ObjectStore
from svc.config import get_settings
from svc.repositories.misc import CacheRepository
from svc.utils.common import utcnow
from svc.workers.supervisor import LeaderLock

logger = logging.getLogger(__name__)

GC_INTERVAL_SECONDS = 3600


async def _collect(store: ObjectStore) -> int:
    settings = get_settings()
    gc_engine = create_async_engine(settings.database_url, pool_size=2)
    sessions = async_sessionmaker(gc_engine, expire_on_commit=False)
    cutoff = utcnow() - timedelta(days=settings.cache_ttl_days)
    removed = 0
    async with sessions() as session:
        repo = CacheRepository(session)
        while True:
            batch = await repo.stale(cutoff, limit=200)
            if not batch:
                break
            deleted = await store.delete_many([e.storage_key for e in batch], concurrency=8)
            await repo.delete_ids([e.id for e in batch])
            await session.commit()
            removed += deleted
    return removed


async def run_cache_gc(client: redis.Redis, store: ObjectStore, stop: asyncio.Event) -> None:
    lock = LeaderLock(client, "cache-gc", ttl=GC_INTERVAL_SECONDS)
    while not stop.is_set():
        try:
            if await lock.acquire():
                removed = await _collect(store)
                logger.info("cache gc removed %d entries", removed)
        except Exception:
            logger.exception("cache gc failed")
        try:
            await asyncio.wait_for(stop.wait(), timeout=GC_INTERVAL_SECONDS)
        except asyncio.TimeoutError:
            pass
