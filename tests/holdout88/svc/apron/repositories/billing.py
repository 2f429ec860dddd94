"""Billing queries: what was done for which airline on a service day."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

import asyncpg

ACQUIRE_TIMEOUT_S = 5


class BillingRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def airlines_with_activity(self, start: datetime, end: datetime) -> list[str]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            rows = await conn.fetch(
                "SELECT DISTINCT airline_code FROM flights WHERE std >= $1 AND std < $2", start, end
            )
        return [r["airline_code"] for r in rows]

    async def billable_events(self, airline: str, start: datetime, end: datetime) -> list[asyncpg.Record]:
        sql = """
            SELECT f.id AS flight_id, f.airport, f.aircraft_type, t.kind, count(*) AS quantity
            FROM flights f
            JOIN turnaround_tasks t ON t.flight_id = f.id AND t.status = 'DONE'
            WHERE f.airline_code = $1 AND f.std >= $2 AND f.std < $3
            GROUP BY f.id, f.airport, f.aircraft_type, t.kind
        """
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(sql, airline, start, end)

    async def create_invoice(self, airline: str, day: date) -> int:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetchval(
                """
                INSERT INTO invoices (airline_code, service_day, status) VALUES ($1, $2, 'DRAFT')
                ON CONFLICT (airline_code, service_day) DO UPDATE SET updated_at = now()
                RETURNING id
                """,
                airline, day,
            )

    async def add_line(self, invoice_id: int, flight_id: int, code: str, qty: int, amount: Decimal) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.execute(
                "INSERT INTO invoice_lines (invoice_id, flight_id, service_code, quantity, amount) "
                "VALUES ($1, $2, $3, $4, $5)",
                invoice_id, flight_id, code, qty, amount,
            )

    async def add_lines(self, invoice_id: int, lines: Sequence[tuple[int, str, int, Decimal]]) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.executemany(
                "INSERT INTO invoice_lines (invoice_id, flight_id, service_code, quantity, amount) "
                "VALUES ($1, $2, $3, $4, $5)",
                [(invoice_id, *line) for line in lines],
            )

    async def invoice_total(self, invoice_id: int) -> Decimal:
        conn = await self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S)
        total = await conn.fetchval(
            "SELECT coalesce(sum(amount), 0) FROM invoice_lines WHERE invoice_id = $1", invoice_id
        )
        await conn.execute("UPDATE invoices SET total = $2 WHERE id = $1", invoice_id, total)
        await self._pool.release(conn)
        return total

    async def mark_invoice(self, invoice_id: int, status: str, external_ref: str | None = None) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.execute(
                "UPDATE invoices SET status = $2, external_ref = coalesce($3, external_ref) WHERE id = $1",
                invoice_id, status, external_ref,
            )

    async def invoice_status(self, airline: str, day: date) -> str | None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetchval(
                "SELECT status FROM invoices WHERE airline_code = $1 AND service_day = $2", airline, day
            )
