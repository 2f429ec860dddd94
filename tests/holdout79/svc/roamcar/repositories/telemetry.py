"""Raw telemetry readings live outside the ORM; volumes are too high for it."""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import asyncpg

INSERT_SQL = """
    INSERT INTO telemetry_readings (vehicle_id, recorded_at, lat, lon, fuel_pct, charge_pct, odometer_km, speed_kph)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""


class TelemetryRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def latest_for_vehicle(self, vehicle_id: uuid.UUID) -> asyncpg.Record | None:
        sql = """
            SELECT vehicle_id, recorded_at, lat, lon, fuel_pct, charge_pct, speed_kph
            FROM telemetry_readings
            WHERE vehicle_id = $1
            ORDER BY recorded_at DESC
            LIMIT 1
        """
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow(sql, vehicle_id)

    async def insert_batch(self, rows: Iterable[Sequence[Any]]) -> None:
        conn = await self._pool.acquire()
        await conn.executemany(INSERT_SQL, list(rows))
        await self._pool.release(conn)

    async def page_after(self, after_id: int, limit: int = 1000) -> list[asyncpg.Record]:
        sql = """
            SELECT id, vehicle_id, recorded_at, lat, lon, fuel_pct
            FROM telemetry_readings
            WHERE id > $1
            ORDER BY id
            LIMIT $2
        """
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(sql, after_id, limit)

    async def prune(self, older_than: datetime) -> str:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.execute("DELETE FROM telemetry_readings WHERE recorded_at < $1", older_than)
