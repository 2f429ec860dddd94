from __future__ import annotations

from datetime import date, datetime
from typing import Any

import asyncpg

from ..schemas import TelemetryPoint

_INSERT = """
INSERT INTO telemetry_samples (asset_id, ts, metric, value)
VALUES ($1, $2, $3, $4)
ON CONFLICT (asset_id, metric, ts) DO NOTHING
"""


class TelemetryRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_points(self, points: list[TelemetryPoint]) -> int:
        rows = [(p.asset_id, p.ts, p.metric, p.value) for p in points]
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                await conn.executemany(_INSERT, rows)
        return len(rows)

    async def window(self, asset_ids: list[int], metric: str, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT asset_id, ts, value FROM telemetry_samples "
                "WHERE asset_id = ANY($1::int[]) AND metric = $2 AND ts >= $3 AND ts < $4 "
                "ORDER BY asset_id, ts",
                asset_ids, metric, start, end,
            )

    async def energy_for_day(self, site_id: int, day: date) -> float:
        async with self._pool.acquire(timeout=5) as conn:
            value = await conn.fetchval(
                "SELECT COALESCE(SUM(t.value), 0) FROM telemetry_samples t "
                "JOIN assets a ON a.id = t.asset_id "
                "WHERE a.site_id = $1 AND t.metric = 'active_power_kw' AND date(t.ts) = $2",
                site_id, day,
            )
        return float(value) * 10 / 3600.0 / 1000.0

    async def running_seconds(self, asset_id: int, start: datetime, end: datetime) -> int:
        conn = await self._pool.acquire()
        try:
            count = await conn.fetchval(
                "SELECT count(*) FROM telemetry_samples "
                "WHERE asset_id = $1 AND metric = 'state' AND value = 1 AND ts >= $2 AND ts < $3",
                asset_id, start, end,
            )
        finally:
            await self._pool.release(conn)
        return int(count) * 10

    async def latest_by_asset(self, site_id: int) -> list[dict[str, Any]]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT DISTINCT ON (t.asset_id, t.metric) t.asset_id, t.metric, t.value, t.ts "
                "FROM telemetry_samples t JOIN assets a ON a.id = t.asset_id "
                "WHERE a.site_id = $1 AND t.ts > now() - interval '15 minutes' "
                "ORDER BY t.asset_id, t.metric, t.ts DESC",
                site_id,
            )
        return [dict(r) for r in rows]

    async def hourly_rollup(self, asset_ids: list[int], metric: str, start: datetime, end: datetime) -> list[dict[str, Any]]:
        """Hourly mean per asset, used by the settlement CSV and the availability charts."""
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT asset_id, date_trunc('hour', ts) AS hour, avg(value) AS mean, count(*) AS n "
                "FROM telemetry_samples WHERE asset_id = ANY($1::int[]) AND metric = $2 "
                "AND ts >= $3 AND ts < $4 GROUP BY asset_id, hour ORDER BY asset_id, hour",
                asset_ids, metric, start, end,
            )
        return [dict(r) for r in rows]

    async def running_seconds_by_asset(self, site_id: int, start: datetime, end: datetime) -> dict[int, int]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT t.asset_id, count(*) AS n FROM telemetry_samples t JOIN assets a ON a.id = t.asset_id "
                "WHERE a.site_id = $1 AND t.metric = 'state' AND t.value = 1 AND t.ts >= $2 AND t.ts < $3 "
                "GROUP BY t.asset_id",
                site_id, start, end,
            )
        return {r["asset_id"]: int(r["n"]) * 10 for r in rows}
