"""Stop arrival predictions table."""
from __future__ import annotations

from datetime import datetime

import asyncpg

from transit.db.pool import Database
from transit.gtfs.decoder import StopTimeRecord


class ArrivalsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def upsert(self, records: list[StopTimeRecord], now: datetime) -> None:
        rows = [
            (r.stop_id, r.trip_id, r.route_id, r.predicted_at, r.delay_s, now)
            for r in records
            if r.predicted_at is not None
        ]
        async with self._db.connection() as conn:
            async with conn.transaction():
                await conn.executemany(
                    """
                    INSERT INTO stop_arrivals (stop_id, trip_id, route_id, predicted_at, delay_s, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (stop_id, trip_id) DO UPDATE
                       SET predicted_at = EXCLUDED.predicted_at, delay_s = EXCLUDED.delay_s,
                           updated_at = EXCLUDED.updated_at
                    """,
                    rows,
                )

    async def upcoming_for_stop(self, stop_id: str, now: datetime, limit: int = 20) -> list[asyncpg.Record]:
        return await self._db.fetch(
            """
            SELECT stop_id, trip_id, route_id, predicted_at, delay_s
              FROM stop_arrivals
             WHERE stop_id = $1 AND predicted_at >= $2
             ORDER BY predicted_at
             LIMIT $3
            """,
            stop_id,
            now,
            limit,
        )

    async def upcoming_for_stops(self, stop_ids: list[str], now: datetime, per_stop: int = 10) -> list[asyncpg.Record]:
        return await self._db.fetch(
            """
            SELECT stop_id, trip_id, route_id, predicted_at, delay_s FROM (
                SELECT a.*, row_number() OVER (PARTITION BY stop_id ORDER BY predicted_at) AS rn
                  FROM stop_arrivals a
                 WHERE stop_id = ANY($1::text[]) AND predicted_at >= $2
            ) ranked
             WHERE rn <= $3
             ORDER BY stop_id, predicted_at
            """,
            stop_ids,
            now,
            per_stop,
        )

    async def stops_touched_since(self, since: datetime) -> list[str]:
        rows = await self._db.fetch("SELECT DISTINCT stop_id FROM stop_arrivals WHERE updated_at >= $1", since)
        return [r["stop_id"] for r in rows]

    async def expire(self, before: datetime) -> None:
        await self._db.execute("DELETE FROM stop_arrivals WHERE predicted_at < $1", before)
