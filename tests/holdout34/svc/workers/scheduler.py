"""Tiny in-process scheduler for periodic maintenance jobs and long-lived listeners."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from svc.db.repositories.odds import OddsSnapshotRepository
from svc.db.repositories.stats import StatsRepository
from svc.redis_client import LockNotAcquired, RedisLock
from svc.services.hub import LiveHub
from svc.services.webhooks import WebhookService

logger = logging.getLogger(__name__)

Job = Callable[[], Awaitable[object]]


@dataclass(slots=True)
class ScheduledJob:
    name: str
    interval: float
    fn: Job
    exclusive: bool = False


class Scheduler:
    def __init__(self, locks: RedisLock) -> None:
        self._locks = locks
        self._jobs: list[ScheduledJob] = []
        self._listeners: list[tuple[str, Job]] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._stop = asyncio.Event()

    def add_job(self, name: str, interval: float, fn: Job, *, exclusive: bool = False) -> None:
        self._jobs.append(ScheduledJob(name, interval, fn, exclusive))

    def add_listener(self, name: str, fn: Job) -> None:
        self._listeners.append((name, fn))

    def start(self) -> None:
        for job in self._jobs:
            self._spawn(self._run_periodic(job), job.name)
        for name, fn in self._listeners:
            self._spawn(self._run_listener(name, fn), name)

    def _spawn(self, coro: Awaitable[None], name: str) -> None:
        task = asyncio.ensure_future(coro)
        task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def stop(self) -> None:
        self._stop.set()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _run_once(self, job: ScheduledJob) -> None:
        if not job.exclusive:
            await job.fn()
            return
        ttl_ms = int(job.interval * 1000 * 0.9)
        try:
            async with self._locks.hold(f"job:{job.name}", ttl_ms=ttl_ms):
                await job.fn()
        except LockNotAcquired:
            logger.debug("job %s is running on another replica", job.name)

    async def _run_periodic(self, job: ScheduledJob) -> None:
        while not self._stop.is_set():
            try:
                await self._run_once(job)
            except Exception:
                logger.exception("scheduled job %s failed", job.name)
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=job.interval)
            except asyncio.TimeoutError:
                pass

    async def _run_listener(self, name: str, fn: Job) -> None:
        while True:
            try:
                await fn()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("listener %s crashed; restarting", name)


def register_jobs(
    scheduler: Scheduler,
    *,
    stats: StatsRepository,
    snapshots: OddsSnapshotRepository,
    webhooks: WebhookService,
    live_hub: LiveHub,
    current_season: int,
) -> None:
    async def purge_old_snapshots() -> None:
        cutoff = datetime.now(timezone.utc) - timedelta(days=90)
        removed = await snapshots.purge_before(cutoff)
        logger.info("purged %d odds snapshots older than %s", removed, cutoff.date())

    async def refresh_season_rollup() -> None:
        rows = await stats.refresh_rollup(current_season)
        logger.info("season %s rollup refreshed (%d teams)", current_season, rows)

    scheduler.add_job("purge-odds-snapshots", 3600, purge_old_snapshots, exclusive=True)
    scheduler.add_job("season-rollup", 900, refresh_season_rollup)
    scheduler.add_job("webhook-retries", 10, webhooks.drain_retries)
    scheduler.add_job("ws-idle-sweep", 15, live_hub.sweep_idle)
