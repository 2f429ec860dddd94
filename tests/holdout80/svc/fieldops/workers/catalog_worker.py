from __future__ import annotations

import asyncio

from fieldops.cache.keys import CATALOG_LOCK
from fieldops.cache.store import LockNotAcquired, distributed_lock
from fieldops.logging_setup import get_logger
from fieldops.repositories.catalog import CatalogRepository
from fieldops.services.catalog_sync import CatalogSyncService
from fieldops.workers.common import Resources

logger = get_logger(__name__)

FULL_SYNC_EVERY_SECONDS = 24 * 3600


class CatalogWorker:
    def __init__(self, resources: Resources) -> None:
        self._redis = resources.redis
        self._sync = CatalogSyncService(
            resources.supplier,
            CatalogRepository(resources.pg_pool),
            resources.settings.supplier_feed_url,
            resources.settings.supplier_api_key,
        )

    async def run_once(self) -> None:
        try:
            async with distributed_lock(self._redis, CATALOG_LOCK, ttl=3 * 3600):
                count = await self._sync.full_sync()
                logger.info("full catalog sync finished", items=count)
        except LockNotAcquired:
            logger.info("full catalog sync already running elsewhere")

    async def run_forever(self) -> None:
        while True:
            await self.run_once()
            await asyncio.sleep(FULL_SYNC_EVERY_SECONDS)
