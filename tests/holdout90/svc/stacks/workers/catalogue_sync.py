"""Nightly union-catalogue import, run as its own process from cron."""
from __future__ import annotations

import logging
import time
from datetime import date, timedelta

from stacks.cache.locks import LockNotAcquired, distributed_lock
from stacks.repositories.catalogue import CatalogueRepository
from stacks.services.catalogue_sync import CatalogueSyncService
from stacks.workers.context import WorkerContext

log = logging.getLogger(__name__)

INDEXER_SETTLE_S = 5


async def sync_once(ctx: WorkerContext) -> int:
    since = date.today() - timedelta(days=1)
    try:
        async with distributed_lock(ctx.redis, "catalogue-sync", ttl_s=3600):
            async with ctx.sessionmaker() as session:
                svc = CatalogueSyncService(ctx.union_catalogue, CatalogueRepository(session, ctx.pg_pool))
                stored = await svc.run_delta(since)
                time.sleep(INDEXER_SETTLE_S)
                removed = await svc.apply_deletions(since)
                await session.commit()
    except LockNotAcquired:
        log.info("catalogue sync already running elsewhere")
        return 0
    log.info("catalogue sync: %d stored, %d removed", stored, removed)
    return stored + removed
