"""Raw-SQL access to the telemetry timeseries tables (see db/telemetry_schema.py)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import asyncpg

Point = tuple[str, str, datetime, float]


class TelemetryRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def insert_points(self, points: Sequence[Point]) -> int:
        if not points:
            return 0
        async with self._pool.acquire() as conn:
            await conn.copy_records_to_table(
                "telemetry_points",
                records=points,
                columns=("device_id", "metric", "ts", "value"),
            )
        return len(points)

    async def insert_events(self, events: Iterable[tuple[str, str, datetime, str]]) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.executemany(
                "INSERT INTO device_events (device_id, kind, ts, payload) VALUES ($1, $2, $3, $4::jsonb)",
                list(events),
            )

    async def series(self, device_id: str, metric: str, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                """
                SELECT ts, value FROM telemetry_points
                WHERE device_id = $1 AND ts >= $2 AND ts < $3 AND metric = $4
                ORDER BY ts
                """,
                device_id,
                start,
                end,
                metric,
            )

    async def latest_values(self, device_ids: list[str], metric: str, since: datetime) -> dict[str, list[float]]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            rows = await conn.fetch(
                """
                SELECT device_id, value FROM telemetry_points
                WHERE device_id = ANY($1::text[]) AND metric = $2 AND ts >= $3
                ORDER BY device_id, ts
                """,
                device_ids,
                metric,
                since,
            )
        out: dict[str, list[float]] = {}
        for row in rows:
            out.setdefault(row["device_id"], []).append(row["value"])
        return out

    async def latest_values_multi(
        self, device_ids: list[str], metrics: list[str], since: datetime
    ) -> dict[tuple[str, str], list[float]]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            rows = await conn.fetch(
                """
                SELECT device_id, metric, value FROM telemetry_points
                WHERE device_id = ANY($1::text[]) AND metric = ANY($2::text[]) AND ts >= $3
                ORDER BY device_id, ts
                """,
                device_ids,
                metrics,
                since,
            )
        out: dict[tuple[str, str], list[float]] = {}
        for row in rows:
            out.setdefault((row["device_id"], row["metric"]), []).append(row["value"])
        return out

    async def recent_events(self, device_id: str, kind: str, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT ts, payload FROM device_events WHERE device_id = $1 AND kind = $2 ORDER BY ts DESC LIMIT $3",
                device_id,
                kind,
                limit,
            )

    async def hourly(self, device_id: str, metric: str, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                """
                SELECT bucket, avg_value, min_value, max_value, samples FROM telemetry_hourly
                WHERE device_id = $1 AND metric = $2 AND bucket >= $3 AND bucket < $4
                ORDER BY bucket
                """,
                device_id,
                metric,
                start,
                end,
            )

    async def log_command(self, command_id: str, device_id: str, technician: str, name: str,
                          args_json: str, issued_at: datetime) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                """
                INSERT INTO command_log (command_id, device_id, technician, name, args, issued_at)
                VALUES ($1, $2, $3, $4, $5::jsonb, $6)
                """,
                command_id,
                device_id,
                technician,
                name,
                args_json,
                issued_at,
            )

    async def ack_command(self, command_id: str, result_json: str, acked_at: datetime) -> str | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchval(
                "UPDATE command_log SET acked_at = $2, result = $3::jsonb WHERE command_id = $1 "
                "AND acked_at IS NULL RETURNING technician",
                command_id,
                acked_at,
                result_json,
            )
