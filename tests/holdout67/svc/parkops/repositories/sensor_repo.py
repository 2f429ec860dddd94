"""Raw-SQL access to sensor readings and occupancy snapshots (high write volume)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from ..config import get_settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS sensor_readings (
    id          BIGSERIAL PRIMARY KEY,
    sensor_id   TEXT NOT NULL,
    bay_id      INTEGER NOT NULL REFERENCES bays(id),
    occupied    BOOLEAN NOT NULL,
    battery_mv  INTEGER,
    observed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_readings_bay_observed ON sensor_readings (bay_id, observed_at DESC);

CREATE TABLE IF NOT EXISTS occupancy_snapshots (
    id          BIGSERIAL PRIMARY KEY,
    zone_id     INTEGER NOT NULL REFERENCES zones(id),
    occupied    INTEGER NOT NULL,
    capacity    INTEGER NOT NULL,
    taken_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS audit_events (
    id      BIGSERIAL PRIMARY KEY,
    action  TEXT NOT NULL,
    actor   TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail  JSONB NOT NULL,
    at      TIMESTAMPTZ NOT NULL
);
"""


@dataclass(frozen=True)
class Reading:
    sensor_id: str
    bay_id: int
    occupied: bool
    battery_mv: int | None
    observed_at: datetime


class SensorRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._acquire_timeout = get_settings().pg_acquire_timeout

    async def insert_readings(self, readings: Sequence[Reading]) -> None:
        conn = await self._pool.acquire(timeout=self._acquire_timeout)
        await conn.executemany(
            "INSERT INTO sensor_readings (sensor_id, bay_id, occupied, battery_mv, observed_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            [(r.sensor_id, r.bay_id, r.occupied, r.battery_mv, r.observed_at) for r in readings],
        )
        await self._pool.release(conn)

    async def latest_for_bay(self, bay_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchrow(
                "SELECT occupied, observed_at FROM sensor_readings WHERE bay_id = $1 ORDER BY observed_at DESC LIMIT 1",
                bay_id,
            )

    async def zone_occupancy(self, zone_id: int) -> tuple[int, int]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            row = await conn.fetchrow(
                """
                SELECT count(*) FILTER (WHERE latest.occupied) AS occupied, count(*) AS capacity
                FROM bays b
                LEFT JOIN LATERAL (
                    SELECT occupied FROM sensor_readings r
                    WHERE r.bay_id = b.id ORDER BY r.observed_at DESC LIMIT 1
                ) latest ON true
                WHERE b.zone_id = $1
                """,
                zone_id,
            )
        return int(row["occupied"]), int(row["capacity"])

    async def save_snapshot(self, zone_id: int, occupied: int, capacity: int, taken_at: datetime) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                "INSERT INTO occupancy_snapshots (zone_id, occupied, capacity, taken_at) VALUES ($1, $2, $3, $4)",
                zone_id, occupied, capacity, taken_at,
            )

    async def occupancy_history(self, zone_id: int, since: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT occupied, capacity, taken_at FROM occupancy_snapshots WHERE zone_id = $1 AND taken_at >= $2 ORDER BY taken_at",
                zone_id,
                since,
            )
