"""In-process schedulers: saved-search alerts and the mortgage-rate feed."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone
import logging

from redis.asyncio import Redis

from svc.config import settings
from svc.services.rates import RateService
from svc.services.search_alerts import AlertMatcher

log = logging.getLogger(__name__)

_last_run_at: datetime | None = None


def last_run_at() -> datetime | None:
    return _last_run_at


class AlertScheduler:
    def __init__(self, matcher: AlertMatcher) -> None:
        self._matcher = matcher
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="alert-scheduler")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _run(self) -> None:
        global _last_run_at
        while True:  # one matching pass per interval
            try:
                sent = await self._matcher.run_once("daily")
                _last_run_at = datetime.now(timezone.utc)
                log.info("alert run finished, %d searches notified", sent)
            except Exception:
                log.exception("alert run failed")
            await asyncio.sleep(settings.alert_interval_seconds)


class RateFeedWorker:
    def __init__(self, redis: Redis, rates: RateService) -> None:
        self._redis = redis
        self._rates = rates
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="rate-feed")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _run(self) -> None:
        while True:  # the leader refreshes, followers reload the shared snapshot
            leader = self._redis.lock("rates:refresh-leader", timeout=settings.rates_refresh_seconds - 5, blocking=False)
            if await leader.acquire():
                rates = await self._rates.refresh_snapshot()
                log.info("refreshed %d mortgage products", len(rates))
            else:
                await self._rates.load_snapshot()
            await asyncio.sleep(settings.rates_refresh_seconds)
