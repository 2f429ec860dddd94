"""Delay-code reports owed to the airlines (IATA AHM 730 codes)."""
from __future__ import annotations

from datetime import date, datetime

import asyncpg

ACQUIRE_TIMEOUT_S = 5


class DelayRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_report(self, flight_id: int, airline: str, code: str, minutes: int, remark: str) -> int | None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetchval(
                """
                INSERT INTO delay_reports (flight_id, airline_code, code, minutes, remark, status, reported_at)
                VALUES ($1, $2, $3, $4, $5, 'PENDING', now())
                ON CONFLICT (flight_id, code) DO NOTHING
                RETURNING id
                """,
                flight_id, airline, code, minutes, remark,
            )

    async def reports_for_day(self, airline: str, day: date) -> list[asyncpg.Record]:
        sql = """
            SELECT d.id, d.flight_id, f.flight_number, d.code, d.minutes, d.remark, d.status, d.reported_at
            FROM delay_reports d JOIN flights f ON f.id = d.flight_id
            WHERE d.airline_code = $1 AND date(d.reported_at) = $2
            ORDER BY d.reported_at
        """
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(sql, airline, day)

    async def reports_between(self, airline: str, start: datetime, end: datetime) -> list[asyncpg.Record]:
        sql = """
            SELECT id, flight_id, code, minutes, status, reported_at
            FROM delay_reports
            WHERE airline_code = $1 AND reported_at >= $2 AND reported_at < $3
            ORDER BY reported_at
        """
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(sql, airline, start, end)

    async def claim_pending(self, limit: int = 100) -> list[asyncpg.Record]:
        sql = """
            UPDATE delay_reports SET status = 'SENDING', attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM delay_reports
                WHERE status = 'PENDING'
                ORDER BY reported_at
                LIMIT $1
                FOR UPDATE SKIP LOCKED
            )
            RETURNING id, flight_id, airline_code, code, minutes, remark
        """
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(sql, limit)

    async def mark_acknowledged(self, report_id: int, external_ref: str) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute(
                "UPDATE delay_reports SET status = 'ACKED', external_ref = $2 WHERE id = $1", report_id, external_ref
            )

    async def mark_failed(self, report_id: int, error: str) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.execute(
                "UPDATE delay_reports SET status = 'PENDING', last_error = $2 WHERE id = $1", report_id, error[:500]
            )
