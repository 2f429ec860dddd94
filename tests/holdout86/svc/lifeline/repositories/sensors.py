from __future__ import annotations

from datetime import datetime

import asyncpg

from lifeline.clients.mqtt_bridge import Reading


class SensorRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def thresholds(self) -> dict[str, tuple[float, float, int]]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch("SELECT id, min_celsius, max_celsius, site_id FROM sensors")
        return {r["id"]: (r["min_celsius"], r["max_celsius"], r["site_id"]) for r in rows}

    async def insert_readings(self, readings: list[Reading]) -> None:
        conn = await self._pool.acquire(timeout=5)
        await conn.executemany(
            "INSERT INTO sensor_readings (sensor_id, celsius, recorded_at) VALUES ($1, $2, $3) "
            "ON CONFLICT (sensor_id, recorded_at) DO NOTHING",
            [(r.sensor_id, r.celsius, r.recorded_at) for r in readings],
        )
        await self._pool.release(conn)

    async def recent(self, sensor_id: str, since: datetime, limit: int = 500) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                "SELECT celsius, recorded_at FROM sensor_readings "
                "WHERE sensor_id = $1 AND recorded_at > $2 ORDER BY recorded_at DESC LIMIT $3",
                sensor_id,
                since,
                limit,
            )

    async def open_excursion(self, sensor_id: str, celsius: float, at: datetime) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "INSERT INTO excursions (sensor_id, started_at, peak_celsius) VALUES ($1, $2, $3) "
                "ON CONFLICT (sensor_id) WHERE closed_at IS NULL "
                "DO UPDATE SET peak_celsius = GREATEST(excursions.peak_celsius, EXCLUDED.peak_celsius)",
                sensor_id,
                at,
                celsius,
            )
