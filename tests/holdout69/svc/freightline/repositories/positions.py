"""Raw SQL access to positions and ELD events."""
from __future__ import annotations

from datetime import datetime

import asyncpg

from freightline.config import Settings
from freightline.utils.geo import Fix


POSITIONS_DDL = """
CREATE TABLE IF NOT EXISTS positions (
    id            BIGSERIAL PRIMARY KEY,
    truck_id      TEXT        NOT NULL,
    load_id       BIGINT,
    lat           DOUBLE PRECISION NOT NULL,
    lon           DOUBLE PRECISION NOT NULL,
    speed_mph     REAL,
    heading       SMALLINT,
    source        TEXT        NOT NULL DEFAULT 'gps',
    recorded_at   TIMESTAMPTZ NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_positions_truck_recorded ON positions (truck_id, recorded_at DESC);
CREATE INDEX IF NOT EXISTS ix_positions_load_recorded ON positions (load_id, recorded_at);

CREATE TABLE IF NOT EXISTS eld_events (
    id            BIGSERIAL PRIMARY KEY,
    truck_id      TEXT        NOT NULL,
    driver_id     TEXT        NOT NULL,
    event_code    TEXT        NOT NULL,
    duty_status   TEXT,
    occurred_at   TIMESTAMPTZ NOT NULL,
    payload       JSONB
);
CREATE INDEX IF NOT EXISTS ix_eld_events_truck_time ON eld_events (truck_id, occurred_at);

CREATE TABLE IF NOT EXISTS truck_assignments (
    truck_id      TEXT PRIMARY KEY,
    carrier_id    BIGINT NOT NULL,
    load_id       BIGINT,
    assigned_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_truck_assignments_carrier ON truck_assignments (carrier_id);
"""


async def create_positions_pool(settings: Settings) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        dsn=settings.positions_dsn,
        min_size=2,
        max_size=settings.positions_pool_max,
        command_timeout=15,
        timeout=5,
    )
    async with pool.acquire() as conn:
        await conn.execute(POSITIONS_DDL)
    return pool


class PositionRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_many(self, fixes: list[Fix], load_by_truck: dict[str, int | None]) -> int:
        rows = [
            (f.truck_id, load_by_truck.get(f.truck_id), f.lat, f.lon, f.speed_mph, f.heading, f.source, f.recorded_at)
            for f in fixes
        ]
        async with self._pool.acquire() as conn:
            await conn.executemany(
                """
                INSERT INTO positions (truck_id, load_id, lat, lon, speed_mph, heading, source, recorded_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """,
                rows,
            )
        return len(rows)

    async def latest_for_truck(self, truck_id: str) -> asyncpg.Record | None:
        conn = await self._pool.acquire()
        row = await conn.fetchrow(
            "SELECT lat, lon, recorded_at FROM positions WHERE truck_id = $1 ORDER BY recorded_at DESC LIMIT 1",
            truck_id,
        )
        await self._pool.release(conn)
        return row

    async def latest_for_trucks(self, truck_ids: list[str]) -> dict[str, asyncpg.Record]:
        if not truck_ids:
            return {}
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                """
                SELECT DISTINCT ON (truck_id) truck_id, lat, lon, recorded_at
                FROM positions
                WHERE truck_id = ANY($1::text[])
                ORDER BY truck_id, recorded_at DESC
                """,
                truck_ids,
            )
        return {r["truck_id"]: r for r in rows}

    async def track_for_load(self, load_id: int, since: datetime | None = None, limit: int = 5000) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                "SELECT lat, lon, speed_mph, recorded_at FROM positions"
                " WHERE load_id = $1 AND recorded_at > COALESCE($2, '-infinity'::timestamptz)"
                " ORDER BY recorded_at LIMIT $3",
                load_id,
                since,
                limit,
            )

    async def assignments(self, truck_ids: list[str]) -> dict[str, int | None]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT truck_id, load_id FROM truck_assignments WHERE truck_id = ANY($1::text[])", truck_ids
            )
        return {r["truck_id"]: r["load_id"] for r in rows}

    async def trucks_for_carriers(self, carrier_ids: list[int]) -> dict[int, list[str]]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT carrier_id, truck_id FROM truck_assignments WHERE carrier_id = ANY($1::bigint[])",
                carrier_ids,
            )
        out: dict[int, list[str]] = {}
        for r in rows:
            out.setdefault(r["carrier_id"], []).append(r["truck_id"])
        return out

    async def record_eld_events(self, events: list[tuple[str, str, str, str | None, datetime, str]]) -> None:
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                await conn.executemany(
                    "INSERT INTO eld_events (truck_id, driver_id, event_code, duty_status, occurred_at, payload)"
                    " VALUES ($1, $2, $3, $4, $5, $6::jsonb)",
                    events,
                )
