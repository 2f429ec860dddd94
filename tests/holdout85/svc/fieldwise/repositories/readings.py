"""Raw asyncpg access to sensor_readings (the largest table, ~40M rows/season)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Sequence

import asyncpg

from fieldwise.db.pg import PgPool

_INSERT_COLUMNS = ("sensor_id", "recorded_at", "moisture_pct", "temperature_c", "humidity_pct", "rain_mm")


class ReadingsRepository:
    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def insert_batch(self, rows: Sequence[tuple[Any, ...]]) -> int:
        async with self._pg.connection() as conn:
            await conn.copy_records_to_table("sensor_readings", records=rows, columns=_INSERT_COLUMNS)
        return len(rows)

    async def latest_for_field(self, field_id: int) -> asyncpg.Record | None:
        async with self._pg.connection() as conn:
            return await conn.fetchrow(
                """
                SELECT r.sensor_id, r.recorded_at, r.moisture_pct, r.temperature_c
                FROM sensor_readings r
                JOIN sensors s ON s.id = r.sensor_id
                WHERE s.field_id = $1
                ORDER BY r.recorded_at DESC
                LIMIT 1
                """,
                field_id,
            )

    async def latest_for_fields(self, field_ids: list[int]) -> dict[int, asyncpg.Record]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT DISTINCT ON (s.field_id) s.field_id, r.sensor_id, r.recorded_at,
                       r.moisture_pct, r.temperature_c
                FROM sensors s
                JOIN LATERAL (
                    SELECT * FROM sensor_readings r
                    WHERE r.sensor_id = s.id
                    ORDER BY r.recorded_at DESC LIMIT 1
                ) r ON true
                WHERE s.field_id = ANY($1::int[])
                ORDER BY s.field_id, r.recorded_at DESC
                """,
                field_ids,
            )
        return {row["field_id"]: row for row in rows}

    async def day_for_sensor(self, sensor_id: int, day: date) -> list[asyncpg.Record]:
        async with self._pg.connection() as conn:
            return await conn.fetch(
                "SELECT recorded_at, moisture_pct, temperature_c FROM sensor_readings "
                "WHERE sensor_id = $1 AND date(recorded_at) = $2 ORDER BY recorded_at",
                sensor_id,
                day,
            )

    async def range_for_sensor(self, sensor_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pg.connection() as conn:
            return await conn.fetch(
                "SELECT recorded_at, moisture_pct, temperature_c, rain_mm FROM sensor_readings "
                "WHERE sensor_id = $1 AND recorded_at >= $2 AND recorded_at < $3 ORDER BY recorded_at",
                sensor_id,
                start,
                end,
            )

    async def hourly_min_temp(self, sensor_ids: list[int], since: datetime) -> list[asyncpg.Record]:
        async with self._pg.connection() as conn:
            return await conn.fetch(
                "SELECT sensor_id, hour, temp_min FROM readings_hourly "
                "WHERE hour >= $2 AND sensor_id = ANY($1::int[])",
                sensor_ids,
                since,
            )

    async def rollup_hour(self, hour: datetime) -> None:
        conn = await self._pg.pool.acquire(timeout=5)
        try:
            await conn.execute(
                """
                INSERT INTO readings_hourly (sensor_id, hour, moisture_avg, temp_min, temp_max, rain_sum)
                SELECT sensor_id, date_trunc('hour', recorded_at), avg(moisture_pct), min(temperature_c),
                       max(temperature_c), sum(rain_mm)
                FROM sensor_readings
                WHERE recorded_at >= $1 AND recorded_at < $1 + interval '1 hour'
                GROUP BY 1, 2
                ON CONFLICT (sensor_id, hour) DO UPDATE
                SET moisture_avg = EXCLUDED.moisture_avg, temp_min = EXCLUDED.temp_min,
                    temp_max = EXCLUDED.temp_max, rain_sum = EXCLUDED.rain_sum
                """,
                hour,
            )
        finally:
            await self._pg.pool.release(conn)
