"""Periodic rollups and data retention."""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from sqlalchemy import delete

from svc.config import Settings
from svc.db.database import SessionFactory
from svc.db.models import TelemetryRollup
from svc.db.telemetry_repo import TelemetryRepository

logger = logging.getLogger(__name__)

CHECKPOINT_KEY = "rollup:checkpoint"
BUCKET = timedelta(minutes=5)


def _floor(ts: datetime) -> datetime:
    return ts - timedelta(minutes=ts.minute % 5, seconds=ts.second, microseconds=ts.microsecond)


class RollupAggregator:
    """Folds raw points into five-minute rollups, one bucket at a time."""

    def __init__(self, telemetry: TelemetryRepository, redis: aioredis.Redis, settings: Settings) -> None:
        self._telemetry = telemetry
        self._redis = redis
        self._interval = settings.aggregation_interval_s

    async def run(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:
                logger.exception("rollup pass failed")
            await asyncio.sleep(self._interval)

    async def run_once(self) -> int:
        raw = await self._redis.get(CHECKPOINT_KEY)
        now = _floor(datetime.now(timezone.utc))
        start = datetime.fromisoformat(raw) if raw else now - BUCKET
        done = 0
        while start + BUCKET <= now:
            await self._telemetry.rollup_window(start, start + BUCKET, start)
            start += BUCKET
            done += 1
            try:
                await self._redis.set(CHECKPOINT_KEY, start.isoformat())
                await self._redis.publish("rollups", start.isoformat())
            except RedisError:
                continue
        return done


class RetentionWorker:
    """Deletes raw telemetry and rollups past their retention window."""

    def __init__(self, telemetry: TelemetryRepository, lock_redis: aioredis.Redis, settings: Settings) -> None:
        self._telemetry = telemetry
        self._redis = lock_redis
        self._raw_days = settings.retention_days
        self._rollup_days = settings.rollup_retention_days

    async def run_forever(self, every_s: float = 3600.0) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:
                logger.exception("retention pass failed")
            await asyncio.sleep(every_s)

    async def run_once(self, batch_size: int = 5000) -> None:
        lock = self._redis.lock("fleet:retention", timeout=1800)
        if not await lock.acquire(blocking=False):
            logger.debug("retention already running on another replica")
            return
        try:
            now = datetime.now(timezone.utc)
            raw_cutoff = now - timedelta(days=self._raw_days)
            deleted = batch_size
            while deleted == batch_size:
                deleted = await self._telemetry.purge_before(raw_cutoff, batch_size)
            rollup_cutoff = now - timedelta(days=self._rollup_days)
            async with SessionFactory() as session:
                await session.execute(delete(TelemetryRollup).where(TelemetryRollup.bucket < rollup_cutoff))
                await session.commit()
        finally:
            await lock.release()

WorkerFactory = Callable[[], Awaitable[None]]


class Supervisor:
    def __init__(self, max_backoff_s: float = 60.0) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._max_backoff_s = max_backoff_s

    def spawn(self, name: str, factory: WorkerFactory) -> None:
        task = asyncio.create_task(self._keep_alive(name, factory), name=f"supervised:{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _keep_alive(self, name: str, factory: WorkerFactory) -> None:
        failures = 0
        while True:
            try:
                await factory()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception:
                failures += 1
                delay = min(self._max_backoff_s, 2 ** failures) * random.uniform(0.5, 1.0)
                logger.exception("worker %s crashed (%d in a row); restarting in %.1fs", name, failures, delay)
                await asyncio.sleep(delay)

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
