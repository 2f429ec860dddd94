"""Raw-SQL access to telemetry points and rollups."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import asyncpg

from svc.db.database import Database

TELEMETRY_COLUMNS = ("device_id", "recorded_at", "lat", "lon", "speed_kph", "heading", "odometer_km", "ignition")


class TelemetryRepository:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._pool = db.pool

    async def insert_points(self, records: Sequence[tuple[Any, ...]]) -> int:
        if not records:
            return 0
        async with self._pool.acquire() as conn:
            await conn.copy_records_to_table("telemetry_points", records=records, columns=TELEMETRY_COLUMNS)
        return len(records)

    async def latest_position(self, device_id: int) -> asyncpg.Record | None:
        return await self._db.fetchrow(
            "SELECT device_id, recorded_at, lat, lon, speed_kph, heading FROM telemetry_points "
            "WHERE device_id = $1 ORDER BY recorded_at DESC LIMIT 1",
            device_id,
        )

    async def latest_positions(self, device_ids: list[int]) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT DISTINCT ON (device_id) device_id, recorded_at, lat, lon, speed_kph, heading "
            "FROM telemetry_points WHERE device_id = ANY($1::bigint[]) "
            "ORDER BY device_id, recorded_at DESC",
            device_ids,
        )

    async def history_page(self, device_id: int, page: int, page_size: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT recorded_at, lat, lon, speed_kph, heading FROM telemetry_points WHERE device_id = $1 "
            "ORDER BY recorded_at DESC OFFSET $2 LIMIT $3",
            device_id,
            page * page_size,
            page_size,
        )

    async def history_before(self, device_id: int, before: datetime, limit: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT recorded_at, lat, lon, speed_kph, heading FROM telemetry_points "
            "WHERE device_id = $1 AND recorded_at < $2 ORDER BY recorded_at DESC LIMIT $3",
            device_id,
            before,
            limit,
        )

    async def points_between(self, device_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT recorded_at, lat, lon, speed_kph, odometer_km FROM telemetry_points "
            "WHERE device_id = $1 AND recorded_at >= $2 AND recorded_at < $3 ORDER BY recorded_at LIMIT 50000",
            device_id,
            start,
            end,
        )

    async def rollup_window(self, start: datetime, end: datetime, bucket: datetime) -> str:
        return await self._db.execute(
            """
            INSERT INTO telemetry_rollups (device_id, bucket, points, max_speed_kph, speed_sum)
            SELECT device_id, $3, count(*), max(speed_kph), sum(speed_kph)
            FROM telemetry_points WHERE recorded_at >= $1 AND recorded_at < $2
            GROUP BY device_id
            ON CONFLICT (device_id, bucket) DO UPDATE SET
                points = telemetry_rollups.points + EXCLUDED.points,
                max_speed_kph = GREATEST(telemetry_rollups.max_speed_kph, EXCLUDED.max_speed_kph),
                speed_sum = telemetry_rollups.speed_sum + EXCLUDED.speed_sum
            """,
            start,
            end,
            bucket,
        )

    async def purge_before(self, cutoff: datetime, batch_size: int) -> int:
        status = await self._db.execute(
            "DELETE FROM telemetry_points WHERE id IN "
            "(SELECT id FROM telemetry_points WHERE recorded_at < $1 LIMIT $2)",
            cutoff,
            batch_size,
        )
        return int(status.split()[-1])
