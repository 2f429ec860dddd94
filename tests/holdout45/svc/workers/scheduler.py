"""Publishes scheduled articles when their time comes."""
from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime, timezone

from ..db.connections import sessionmaker
from ..repos.articles import ArticleRepository
from ..services.publishing import PublishingService
from ..services.tenants import tenant_settings
from ..utils.resilience import RedisLock

log = logging.getLogger(__name__)

LAST_RUN: dict[str, datetime] = {}


class Scheduler:
    def __init__(self, redis, make_publisher, interval: float) -> None:
        self.redis = redis
        self.make_publisher = make_publisher
        self.interval = interval
        self.lock = RedisLock(redis, "scheduler", ttl_ms=int(interval * 4000))
        self.instance = uuid.uuid4().hex

    async def tick(self) -> int:
        if not await self.lock.acquire(self.instance):
            return 0
        try:
            now = datetime.now(timezone.utc)
            async with sessionmaker()() as session:
                due = await ArticleRepository(session).due_for_publication(now)
                publisher: PublishingService = self.make_publisher(session)
                count = 0
                for article in due:
                    await publisher.publish(article.id, tenant_settings(article.tenant_id))
                    LAST_RUN[article.tenant_id] = now
                    count += 1
            if count:
                log.info("scheduler published %d articles", count)
            return count
        finally:
            await self.lock.release()

    async def run(self) -> None:
        while True:
            await self.tick()
            await asyncio.sleep(self.interval)
