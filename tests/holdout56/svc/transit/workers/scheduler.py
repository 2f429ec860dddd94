"""Tiny in-process scheduler for periodic and daily jobs."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Protocol

from transit.services.ridership import RidershipService
from transit.utils.locks import RedisLock
from transit.utils.timeutil import LOCAL_TZ, service_date, utcnow

logger = logging.getLogger(__name__)


class Job(Protocol):
    name: str

    async def run(self) -> None: ...


@dataclass
class Daily:
    job: Job
    at: time


@dataclass
class Every:
    job: Job
    seconds: float


def _seconds_until(at: time, now: datetime) -> float:
    target = datetime.combine(now.date(), at, tzinfo=LOCAL_TZ)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def run_daily(entry: Daily, stop: asyncio.Event) -> None:
    while not stop.is_set():
        delay = _seconds_until(entry.at, datetime.now(LOCAL_TZ))
        try:
            await asyncio.wait_for(stop.wait(), timeout=delay)
            return
        except asyncio.TimeoutError:
            pass
        try:
            await entry.job.run()
        except Exception:
            logger.exception("daily job %s failed", entry.job.name)


async def run_every(entry: Every, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await entry.job.run()
        except Exception:
            logger.exception("periodic job %s failed, restarting", entry.job.name)
            continue
        try:
            await asyncio.wait_for(stop.wait(), timeout=entry.seconds)
        except asyncio.TimeoutError:
            pass


async def supervise(name: str, factory, stop: asyncio.Event, max_backoff: float = 60.0) -> None:
    """Keeps a long-running worker coroutine alive, restarting it with backoff after a crash."""
    backoff = 1.0
    while not stop.is_set():
        try:
            await factory()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker %s crashed; restarting in %.0fs", name, backoff)
            try:
                await asyncio.wait_for(stop.wait(), timeout=backoff)
            except asyncio.TimeoutError:
                pass
            backoff = min(backoff * 2, max_backoff)


class RidershipNightlyJob:
    name = "ridership-nightly"

    def __init__(self, ridership: RidershipService) -> None:
        self._ridership = ridership

    async def run(self) -> None:
        yesterday = service_date(utcnow()) - timedelta(days=1)
        pairs = await self._ridership.aggregate_day(yesterday)
        await self._ridership.publish(yesterday)
        logger.info("nightly ridership done for %s (%d pairs)", yesterday, pairs)


class PositionsPurgeJob:
    name = "positions-purge"

    def __init__(self, positions, lock: RedisLock, keep_days: int = 14) -> None:
        self._positions = positions
        self._lock = lock
        self._keep_days = keep_days

    async def run(self) -> None:
        if not await self._lock.acquire():
            logger.info("another replica is purging positions")
            return
        try:
            deleted = await self._positions.purge_older_than(utcnow() - timedelta(days=self._keep_days))
            logger.info("purged %d old positions", deleted)
        finally:
            await self._lock.release()
