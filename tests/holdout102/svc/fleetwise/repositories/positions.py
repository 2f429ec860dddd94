"""Position history lives in a large table; this module talks asyncpg directly."""
from __future__ import annotations

from datetime import date, datetime
from collections.abc import Sequence

import asyncpg

from fleetwise.db.pg import connection

UPSERT_LAST = """
INSERT INTO vessel_last_position (vessel_id, ts, lat, lon, sog_kn)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (vessel_id) DO UPDATE
SET ts = EXCLUDED.ts, lat = EXCLUDED.lat, lon = EXCLUDED.lon, sog_kn = EXCLUDED.sog_kn
WHERE vessel_last_position.ts < EXCLUDED.ts
"""


class PositionRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_batch(self, rows: Sequence[tuple]) -> None:
        async with connection(self._pool) as conn:
            async with conn.transaction():
                await conn.executemany(
                    """
                    INSERT INTO position_reports (vessel_id, mmsi, ts, lat, lon, sog_kn, cog_deg, source)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    ON CONFLICT (vessel_id, ts, source) DO NOTHING
                    """,
                    rows,
                )
                latest: dict[int, tuple] = {}
                for row in rows:
                    current = latest.get(row[0])
                    if current is None or row[2] > current[2]:
                        latest[row[0]] = row
                await conn.executemany(
                    UPSERT_LAST, [(r[0], r[2], r[3], r[4], r[5]) for r in latest.values()]
                )

    async def track(self, vessel_id: int, since: datetime, until: datetime) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT ts, lat, lon, sog_kn FROM position_reports "
                "WHERE vessel_id = $1 AND ts >= $2 AND ts < $3 ORDER BY ts",
                vessel_id, since, until,
            )

    async def latest_by_mmsi(self, mmsi: str) -> asyncpg.Record | None:
        async with connection(self._pool) as conn:
            return await conn.fetchrow(
                "SELECT vessel_id, ts, lat, lon, sog_kn FROM position_reports "
                "WHERE mmsi = $1 ORDER BY received_at DESC LIMIT 1",
                mmsi,
            )

    async def last_positions(self, vessel_ids: Sequence[int]) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT vessel_id, ts, lat, lon, sog_kn FROM vessel_last_position WHERE vessel_id = ANY($1::int[])",
                list(vessel_ids),
            )

    async def daily_track(self, vessel_id: int, day: date) -> list[asyncpg.Record]:
        conn = await self._pool.acquire(timeout=5)
        rows = await conn.fetch(
            "SELECT ts, lat, lon, sog_kn FROM position_reports "
            "WHERE vessel_id = $1 AND date_trunc('day', ts AT TIME ZONE 'UTC') = $2 ORDER BY ts",
            vessel_id, day,
        )
        await self._pool.release(conn)
        return rows
