"""Periodic jobs: hold expiry, auto check-in, GDS sync and waitlist upgrades."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from redis.asyncio import Redis

from ..cache.stores import seatmap_cache
from ..db.engine import sessionmaker
from ..errors import PartnerError
from ..observability import HOLDS_EXPIRED
from ..repositories import flights as flights_repo
from ..repositories import holds as holds_repo
from ..services.checkin import CheckinService
from ..services.schedule import ScheduleService
from ..services.upgrades import UpgradeService
from ..utils.common import utcnow
from .base import Leadership


log = logging.getLogger(__name__)


class HoldExpiryWorker:
    def __init__(self, redis: Redis, interval: float) -> None:
        self._interval = interval
        self._leader = Leadership(redis, "hold-expiry", ttl_ms=int(interval * 3000))
        self._failures = 0

    async def run(self) -> None:
        while True:
            try:
                if await self._leader.try_acquire():
                    released = await self._tick()
                    if released:
                        log.info("released %d expired seat holds", released)
                self._failures = 0
            except Exception:
                self._failures += 1
                log.exception("hold expiry tick failed (%d in a row)", self._failures)
            await asyncio.sleep(min(self._interval * 2 ** min(self._failures, 4), 300))

    async def _tick(self) -> int:
        async with sessionmaker()() as session:
            expired = await holds_repo.expired_batch(session, utcnow())
            if not expired:
                return 0
            count = await holds_repo.release_many(session, [h.id for h in expired])
            await session.commit()
        for flight_id in {h.flight_id for h in expired}:
            seatmap_cache.invalidate(flight_id)
        HOLDS_EXPIRED.inc(count)
        return count


class AutoCheckinScheduler:
    """Opens auto check-in for flights entering the 24 hour window."""

    def __init__(self, redis: Redis, checkin: CheckinService, interval: float = 60.0) -> None:
        self._redis = redis
        self._checkin = checkin
        self._interval = interval
        self._leader = Leadership(redis, "auto-checkin", ttl_ms=int(interval * 2500))

    async def run(self) -> None:
        while True:
            is_leader = await self._leader.try_acquire()
            if is_leader:
                await self._tick()
            await asyncio.sleep(self._interval)

    async def _tick(self) -> None:
        now = utcnow()
        window_start = now + timedelta(hours=23, minutes=55)
        window_end = now + timedelta(hours=24)
        async with sessionmaker()() as session:
            flights = await flights_repo.departing_between(session, window_start, window_end)
        for flight in flights:
            marker = f"auto-checkin:done:{flight.id}"
            if not await self._redis.set(marker, "1", nx=True, ex=2 * 86_400):
                continue
            async with sessionmaker()() as session:
                done = await self._checkin.auto_check_in(session, flight.id)
            log.info("auto check-in %s: %d passengers", flight.flight_no, done)


SYNC_EVERY = 900
DAYS_AHEAD = 3


class GdsSyncWorker:
    def __init__(self, redis: Redis, schedule: ScheduleService) -> None:
        self._schedule = schedule
        self._leader = Leadership(redis, "gds-sync", ttl_ms=SYNC_EVERY * 2 * 1000)

    async def run(self) -> None:
        while True:
            if not await self._leader.try_acquire():
                await asyncio.sleep(SYNC_EVERY / 3)
                continue
            await self._sync_window()
            await asyncio.sleep(SYNC_EVERY)

    async def _sync_window(self) -> None:
        today = utcnow().date()
        for offset in range(DAYS_AHEAD):
            day = today + timedelta(days=offset)
            try:
                created = await asyncio.wait_for(self._schedule.sync_day(day), timeout=120)
                pushed = await asyncio.wait_for(self._schedule.push_availability(day), timeout=300)
            except (PartnerError, asyncio.TimeoutError) as exc:
                log.warning("gds sync for %s failed: %s", day, exc)
                continue
            log.info("gds sync %s: %d new flights, %d inventory pushes", day, created, pushed)


PREMIUM_CABINS = ("J", "W")


async def run_waitlist_upgrades(upgrades: UpgradeService, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        now = utcnow()
        async with sessionmaker()() as session:
            flights = await flights_repo.departing_between(session, now + timedelta(hours=1), now + timedelta(hours=6))
            for flight in flights:
                for cabin in PREMIUM_CABINS:
                    granted = await upgrades.process_flight(session, flight.id, cabin)
                    if granted:
                        log.info("waitlist: %s granted %d %s upgrades", flight.flight_no, granted, cabin)
