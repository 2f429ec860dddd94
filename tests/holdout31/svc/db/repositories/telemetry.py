"""Meter values and connector status history in the telemetry database (asyncpg)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from asyncpg.pool import PoolAcquireContext

from svc.db.engine import TelemetryPool

_INSERT_METER_VALUE = """
INSERT INTO meter_values (session_id, chargepoint_id, connector_no, measurand, value, unit, measured_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""


class TelemetryRepository:
    def __init__(self, pool: TelemetryPool, *, acquire_timeout: float = 2.0) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    def _conn(self) -> PoolAcquireContext:
        return self._pool.pool.acquire(timeout=self._acquire_timeout)

    async def insert_batch(self, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        async with self._conn() as conn:
            await conn.executemany(_INSERT_METER_VALUE, rows)

    async def session_energy_wh(self, session_id: int) -> int:
        async with self._conn() as conn:
            value = await conn.fetchval(
                "SELECT max(value) - min(value) FROM meter_values "
                "WHERE session_id = $1 AND measurand = 'Energy.Active.Import.Register'",
                session_id,
            )
        return int(value or 0)

    async def session_energies(self, session_ids: Sequence[int]) -> dict[int, int]:
        if not session_ids:
            return {}
        async with self._conn() as conn:
            rows = await conn.fetch(
                "SELECT session_id, max(value) - min(value) AS wh FROM meter_values "
                "WHERE session_id = ANY($1::bigint[]) AND measurand = 'Energy.Active.Import.Register' "
                "GROUP BY session_id",
                list(session_ids),
            )
        return {row["session_id"]: int(row["wh"] or 0) for row in rows}

    async def recent_for_connector(self, chargepoint_id: str, connector_no: int, since: datetime) -> list[dict[str, Any]]:
        async with self._conn() as conn:
            rows = await conn.fetch(
                "SELECT measurand, value, unit, measured_at FROM meter_values "
                "WHERE chargepoint_id = $1 AND connector_no = $2 AND measured_at >= $3 "
                "ORDER BY measured_at LIMIT 2000",
                chargepoint_id,
                connector_no,
                since,
            )
        return [dict(row) for row in rows]

    async def faults_by_code(self, error_code: str, *, since: datetime) -> list[dict[str, Any]]:
        async with self._conn() as conn:
            rows = await conn.fetch(
                "SELECT chargepoint_id, connector_no, status, error_code, recorded_at "
                "FROM chargepoint_status_log "
                "WHERE error_code = $1 AND recorded_at >= $2 "
                "ORDER BY recorded_at DESC LIMIT 500",
                error_code,
                since,
            )
        return [dict(row) for row in rows]

    async def latest_power(self, chargepoint_ids: Sequence[str]) -> dict[str, float]:
        """Most recent active power reading per charge point, in kW."""
        conn = await self._pool.pool.acquire(timeout=self._acquire_timeout)
        rows = await conn.fetch(
            "SELECT DISTINCT ON (chargepoint_id) chargepoint_id, value FROM meter_values "
            "WHERE chargepoint_id = ANY($1::text[]) AND measurand = 'Power.Active.Import' "
            "AND measured_at > now() - interval '10 minutes' "
            "ORDER BY chargepoint_id, measured_at DESC",
            list(chargepoint_ids),
        )
        await self._pool.pool.release(conn)
        return {row["chargepoint_id"]: float(row["value"]) / 1000.0 for row in rows}

    async def site_readings(self, chargepoint_ids: Sequence[str], since: datetime) -> list[dict[str, Any]]:
        connection = await self._pool.pool.acquire(timeout=self._acquire_timeout)
        try:
            rows = await connection.fetch(
                "SELECT chargepoint_id, value, measured_at FROM meter_values "
                "WHERE chargepoint_id = ANY($1::text[]) AND measurand = 'Power.Active.Import' "
                "AND measured_at >= $2 ORDER BY measured_at",
                list(chargepoint_ids),
                since,
            )
        finally:
            await self._pool.pool.release(connection)
        return [dict(row) for row in rows]

    async def record_status(
        self, chargepoint_id: str, connector_no: int, status: str, error_code: str, at: datetime
    ) -> None:
        async with self._pool.pool.acquire() as conn:
            await conn.execute(
                "INSERT INTO chargepoint_status_log (chargepoint_id, connector_no, status, error_code, recorded_at) "
                "VALUES ($1, $2, $3, $4, $5)",
                chargepoint_id,
                connector_no,
                status,
                error_code,
                at,
            )
