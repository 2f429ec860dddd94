"""In-process schedulers started from the API lifespan: payouts, feed warming, scheduled publishing."""
from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime, timedelta, timezone

from redis.asyncio import Redis
from sqlalchemy import select

from podhost.clients.payments import PaymentsClient
from podhost.config import Settings
from podhost.db.engine import SessionLocal
from podhost.db.models import EpisodeStatus, Show
from podhost.repositories.analytics_repo import AnalyticsRepository, PayoutRepository
from podhost.repositories.episode_repo import EpisodeRepository
from podhost.services.directory_webhooks import DirectoryNotifier
from podhost.services.feed_service import FeedService
from podhost.services.payout_service import PayoutService, previous_period

log = logging.getLogger(__name__)


class PayoutScheduler:
    def __init__(self, analytics: AnalyticsRepository, payouts: PayoutRepository, payments: PaymentsClient, settings: Settings) -> None:
        self._analytics = analytics
        self._payouts = payouts
        self._payments = payments
        self._settings = settings
        self._last_period: str | None = None

    async def run_month(self, period: str) -> None:
        async with SessionLocal() as session:
            service = PayoutService(session, self._analytics, self._payouts, self._payments, self._settings)
            created = await service.compute_month(period)
            paid = await service.pay_pending(period)
        log.info("payouts for %s: %d created, %d paid", period, created, paid)

    async def loop(self) -> None:
        while True:
            now = datetime.now(timezone.utc)
            period = previous_period(now.date())
            if now.day == 1 and now.hour >= 6 and self._last_period != period:
                await self.run_month(period)
                self._last_period = period
            await asyncio.sleep(600)


LOCK_KEY = "lock:feed-warmer"
RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end
"""


class FeedWarmer:
    def __init__(self, redis: Redis, feeds: FeedService, interval: float = 120.0) -> None:
        self._redis = redis
        self._feeds = feeds
        self._interval = interval
        self._sem = asyncio.Semaphore(4)

    async def _warm_one(self, show_id: int) -> None:
        async with self._sem:
            async with SessionLocal() as session:
                await self._feeds.rebuild(session, show_id)

    async def tick(self) -> int:
        token = uuid.uuid4().hex
        if not await self._redis.set(LOCK_KEY, token, nx=True, ex=int(self._interval)):
            return 0
        try:
            since = datetime.now(timezone.utc) - timedelta(seconds=self._interval * 2)
            async with SessionLocal() as session:
                result = await session.execute(
                    select(Show.id).where(Show.updated_at >= since, Show.is_private.is_(False)).limit(200)
                )
                show_ids = [row[0] for row in result.all()]
            await asyncio.gather(*(self._warm_one(show_id) for show_id in show_ids))
            return len(show_ids)
        finally:
            await self._redis.eval(RELEASE, 1, LOCK_KEY, token)

    async def loop(self) -> None:
        while True:
            warmed = await self.tick()
            if warmed:
                log.info("warmed %d feeds", warmed)
            await asyncio.sleep(self._interval)


class PublishScheduler:
    def __init__(self, redis: Redis, feeds: FeedService, notifier: DirectoryNotifier) -> None:
        self._redis = redis
        self._feeds = feeds
        self._notifier = notifier
        self._tasks: set[asyncio.Task[None]] = set()

    async def tick(self) -> None:
        if not await self._redis.set("lock:publish-scheduler", "1", nx=True, ex=50):
            return
        async with SessionLocal() as session:
            repo = EpisodeRepository(session)
            due = await repo.scheduled_due(datetime.now(timezone.utc))
            show_ids = set()
            for episode in due:
                episode.status = EpisodeStatus.published
                show_ids.add((episode.show_id, episode.id))
            await session.commit()
            for show_id, _ in show_ids:
                await self._feeds.invalidate(session, show_id, warm=False)
        for show_id, episode_id in show_ids:
            task = asyncio.create_task(self._notifier.episode_published(show_id, episode_id))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        if due:
            log.info("published %d scheduled episodes", len(due))

    async def loop(self) -> None:
        while True:
            await self.tick()
            await asyncio.sleep(60)
