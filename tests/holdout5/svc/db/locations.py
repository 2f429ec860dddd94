"""asyncpg access for the driver-location hot path (bypasses the ORM)."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from svc.config import settings

log = logging.getLogger(__name__)

INSERT_PING = """
INSERT INTO driver_locations (driver_id, lat, lng, heading, recorded_at)
VALUES ($1, $2, $3, $4, $5)
"""

LATEST_FOR_DRIVERS = """
SELECT DISTINCT ON (driver_id) driver_id, lat, lng, heading, recorded_at
FROM driver_locations
WHERE driver_id = ANY($1::bigint[])
ORDER BY driver_id, recorded_at DESC
"""


@dataclass(slots=True, frozen=True)
class LocationPing:
    driver_id: int
    lat: float
    lng: float
    heading: float | None
    recorded_at: datetime


class LocationStore:
    def __init__(self, dsn: str | None = None) -> None:
        self._dsn = dsn or settings.locations_dsn
        self._pool: asyncpg.Pool | None = None

    async def open(self) -> None:
        self._pool = await asyncpg.create_pool(
            self._dsn,
            min_size=settings.pg_pool_min,
            max_size=settings.pg_pool_max,
            timeout=10,
            command_timeout=5,
        )

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("LocationStore.open() was not awaited")
        return self._pool

    async def write_batch(self, pings: Sequence[LocationPing]) -> None:
        if not pings:
            return
        rows = [(p.driver_id, p.lat, p.lng, p.heading, p.recorded_at) for p in pings]
        async with self.pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            await conn.executemany(INSERT_PING, rows)

    async def latest_for(self, driver_ids: Sequence[int]) -> dict[int, LocationPing]:
        async with self.pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            records = await conn.fetch(LATEST_FOR_DRIVERS, list(driver_ids))
        return {r["driver_id"]: LocationPing(**dict(r)) for r in records}

    async def trail(self, driver_id: int, since: datetime, limit: int = 500) -> list[LocationPing]:
        conn = await self.pool.acquire()
        try:
            records = await conn.fetch(
                "SELECT driver_id, lat, lng, heading, recorded_at FROM driver_locations "
                "WHERE driver_id = $1 AND recorded_at >= $2 ORDER BY recorded_at LIMIT $3",
                driver_id,
                since,
                limit,
            )
        finally:
            await self.pool.release(conn)
        return [LocationPing(**dict(r)) for r in records]

    async def purge_before(self, cutoff: datetime) -> int:
        conn = await self.pool.acquire(timeout=settings.pg_acquire_timeout)
        status = await conn.execute("DELETE FROM driver_locations WHERE recorded_at < $1", cutoff)
        await self.pool.release(conn)
        deleted = int(status.split()[-1])
        log.info("purged %d location rows older than %s", deleted, cutoff.isoformat())
        return deleted


locations = LocationStore()
