"""Expires rides nobody accepted and trims old GPS data. One replica at a time."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from redis.asyncio import Redis

from svc.cache.locks import LeaderLease
from svc.db.engine import SessionLocal
from svc.db.locations import locations
from svc.db.models import RideStatus
from svc.db.repositories import rides as rides_repo

log = logging.getLogger(__name__)

SWEEP_EVERY = 30.0
RIDE_EXPIRY = timedelta(minutes=15)
LOCATION_RETENTION = timedelta(days=30)


async def sweep_once() -> int:
    now = datetime.now(timezone.utc)
    async with SessionLocal() as session:
        stale = await rides_repo.waiting_since(session, now - RIDE_EXPIRY)
        for ride in stale:
            ride.status = RideStatus.CANCELLED
        await session.commit()
    await locations.purge_before(now - LOCATION_RETENTION)
    return len(stale)


async def run_sweeper(redis: Redis, stop: asyncio.Event) -> None:
    lease = LeaderLease(redis, "ride-sweeper", ttl_ms=int(SWEEP_EVERY * 3000))
    delay = SWEEP_EVERY
    while not stop.is_set():
        try:
            if await lease.try_acquire():
                expired = await sweep_once()
                log.info("sweeper expired %d rides", expired)
            delay = SWEEP_EVERY
        except Exception:
            log.exception("sweeper iteration failed")
            delay = min(delay * 2, 300.0)
        try:
            await asyncio.wait_for(stop.wait(), timeout=delay)
        except asyncio.TimeoutError:
            pass
    await lease.release()
