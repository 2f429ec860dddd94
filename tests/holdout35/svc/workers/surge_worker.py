"""Recomputes surge multipliers per zone from open demand vs. available supply."""
from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime, timedelta, timezone

import asyncpg

from svc.db.engine import session_factory
from svc.repositories.location_repo import LocationRepository
from svc.repositories.trip_repo import TripRepository
from svc.services.surge import SurgeHistory, SurgeService, multiplier_for
from svc.utils.geo import Point, zone_for
from svc.utils.locks import RedisLock

logger = logging.getLogger(__name__)

SNAPSHOT_RETENTION = timedelta(days=30)
PRUNE_EVERY_RUNS = 120


class SurgeWorker:
    def __init__(self, redis_client, pool: asyncpg.Pool, locations: LocationRepository, interval_s: int) -> None:
        self.redis = redis_client
        self.pool = pool
        self.locations = locations
        self.surge = SurgeService(redis_client)
        self.interval_s = interval_s
        self._lock = RedisLock(redis_client, "surge-worker", ttl_ms=interval_s * 2000)
        self._token = uuid.uuid4().hex
        self._history = SurgeHistory(pool)
        self._runs = 0

    async def _available_positions(self) -> list[Point]:
        members = await self.redis.zrange("drivers:last_seen", 0, -1)
        if not members:
            return []
        positions = await self.redis.geopos("drivers:geo", *members)
        return [Point(lat=float(p[1]), lng=float(p[0])) for p in positions if p is not None]

    async def recompute(self) -> dict[str, float]:
        async with session_factory()() as session:
            open_by_zone = await TripRepository(session).open_requests_by_zone()
        positions = await self._available_positions()
        zones = set(open_by_zone)
        multipliers: dict[str, float] = {}
        for zone in zones:
            available = sum(1 for p in positions if zone_for(p) == zone)
            multipliers[zone] = multiplier_for(open_by_zone.get(zone, 0), available)
        await self.surge.publish(multipliers)
        await self._snapshot(multipliers, open_by_zone)
        self._runs += 1
        if self._runs % PRUNE_EVERY_RUNS == 0:
            removed = await self._history.prune(datetime.now(timezone.utc) - SNAPSHOT_RETENTION)
            logger.info("pruned %d surge snapshots", removed)
        return multipliers

    async def _snapshot(self, multipliers: dict[str, float], open_by_zone: dict[str, int]) -> None:
        now = datetime.now(timezone.utc)
        rows = [(zone, now, mult, open_by_zone.get(zone, 0), 0) for zone, mult in multipliers.items()]
        async with self.pool.acquire() as conn:
            await conn.executemany(
                "INSERT INTO surge_snapshots (zone, computed_at, multiplier, open_requests, available_drivers) "
                "VALUES ($1, $2, $3, $4, $5)",
                rows,
            )

    async def run_forever(self) -> None:
        while True:
            try:
                if await self._lock.acquire(self._token):
                    try:
                        await self.recompute()
                    finally:
                        await self._lock.release()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("surge recompute failed")
            await asyncio.sleep(self.interval_s)
