from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

# Applied on startup: the ingestion path bypasses the ORM (and alembic) for throughput.
TRACKING_DDL = """
CREATE TABLE IF NOT EXISTS tracking_pings (
    id           BIGSERIAL PRIMARY KEY,
    load_id      UUID NOT NULL,
    device_id    TEXT NOT NULL,
    lat          DOUBLE PRECISION NOT NULL,
    lon          DOUBLE PRECISION NOT NULL,
    speed_mph    REAL,
    heading      SMALLINT,
    recorded_at  TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS ix_tracking_pings_device_recorded
    ON tracking_pings (device_id, recorded_at);

CREATE TABLE IF NOT EXISTS load_positions (
    load_id      UUID PRIMARY KEY,
    lat          DOUBLE PRECISION NOT NULL,
    lon          DOUBLE PRECISION NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    eta          TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS geofence_events (
    id           BIGSERIAL PRIMARY KEY,
    load_id      UUID NOT NULL,
    stop_id      BIGINT NOT NULL,
    event        TEXT NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_geofence_events_once
    ON geofence_events (load_id, stop_id, event);
"""


INSERT_PING = """
INSERT INTO tracking_pings (load_id, device_id, lat, lon, speed_mph, heading, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""

UPSERT_POSITION = """
INSERT INTO load_positions (load_id, lat, lon, recorded_at, eta)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (load_id) DO UPDATE
SET lat = EXCLUDED.lat, lon = EXCLUDED.lon, recorded_at = EXCLUDED.recorded_at, eta = EXCLUDED.eta
WHERE load_positions.recorded_at < EXCLUDED.recorded_at
"""


class TrackingRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_pings(self, rows: list[tuple]) -> None:
        async with self._pool.acquire() as conn:
            await conn.executemany(INSERT_PING, rows)

    async def upsert_position(self, load_id: uuid.UUID, lat: float, lon: float, recorded_at: datetime,
                              eta: datetime | None) -> None:
        conn = await self._pool.acquire()
        await conn.execute(UPSERT_POSITION, load_id, lat, lon, recorded_at, eta)
        await self._pool.release(conn)

    async def upsert_positions(self, rows: list[tuple]) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.executemany(UPSERT_POSITION, rows)

    async def last_ping(self, load_id: uuid.UUID) -> asyncpg.Record | None:
        return await self._pool.fetchrow(
            "SELECT lat, lon, speed_mph, recorded_at FROM tracking_pings WHERE load_id = $1 ORDER BY recorded_at DESC LIMIT 1",
            load_id,
        )

    async def positions_for(self, load_ids: list[uuid.UUID]) -> dict[uuid.UUID, asyncpg.Record]:
        rows = await self._pool.fetch(
            "SELECT load_id, lat, lon, recorded_at, eta FROM load_positions WHERE load_id = ANY($1::uuid[])",
            load_ids,
        )
        return {row["load_id"]: row for row in rows}

    async def device_trail(self, device_id: str, since: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT lat, lon, recorded_at FROM tracking_pings WHERE device_id = $1 AND recorded_at >= $2 ORDER BY recorded_at",
            device_id,
            since,
        )

    async def record_geofence(self, load_id: uuid.UUID, stop_id: int, event: str, at: datetime) -> bool:
        async with self._pool.acquire(timeout=5.0) as conn:
            inserted = await conn.fetchval(
                "INSERT INTO geofence_events (load_id, stop_id, event, occurred_at) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT (load_id, stop_id, event) DO NOTHING RETURNING id",
                load_id, stop_id, event, at,
            )
        return inserted is not None


async def apply_schema(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        await conn.execute(TRACKING_DDL)
