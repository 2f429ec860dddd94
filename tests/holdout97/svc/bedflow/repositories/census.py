from __future__ import annotations

from datetime import date

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from ..settings import Settings

TURNOVER_STATES = ("dirty", "cleaning", "ready")


class CensusRepository:
    def __init__(self, pool: asyncpg.Pool, settings: Settings) -> None:
        self._pool = pool
        self._settings = settings

    async def ward_counts(self, ward_codes: list[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        async with self._pool.acquire(timeout=5) as conn:
            for code in ward_codes:
                counts[code] = await conn.fetchval(
                    "SELECT count(*) FROM beds b JOIN wards w ON w.id = b.ward_id "
                    "WHERE w.code = $1 AND b.state = 'occupied'",
                    code,
                )
        return counts

    async def turnover_counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        async with self._pool.acquire(timeout=5) as conn:
            for state in TURNOVER_STATES:
                result[state] = await conn.fetchval("SELECT count(*) FROM beds WHERE state = $1::bed_state", state)
        return result

    async def save_snapshot(self, census_date: date, rows: list[dict]) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.executemany(
                """
                INSERT INTO census_snapshots (census_date, ward_code, occupied, available)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (census_date, ward_code) DO UPDATE
                   SET occupied = EXCLUDED.occupied, available = EXCLUDED.available
                """,
                [(census_date, r["ward_code"], r["occupied"], r["available"]) for r in rows],
            )

    async def length_of_stay_rows(self, since: date) -> list[dict]:
        engine = create_async_engine(self._settings.reporting_dsn, pool_size=2)
        async with engine.connect() as conn:
            result = await conn.execute(
                text(
                    "SELECT p.id AS patient_id, w.code AS ward_code, p.admitted_at, e.event_time AS discharged_at "
                    "FROM adt_events e JOIN patients p ON p.id = e.patient_id JOIN wards w ON w.code = e.ward_code "
                    "WHERE e.event_type = 'A03' AND e.event_time >= :since"
                ),
                {"since": since},
            )
            return [dict(r._mapping) for r in result]
