from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg

from ..db.pg import pg_conn, get_pg_pool


class AppraisalRepository:
    """asyncpg-backed; webhook traffic is bursty and the ORM overhead showed up in profiles."""

    async def upsert_event(self, vendor_order_id: str, status: str, value: int | None, at: datetime) -> int | None:
        async with pg_conn() as conn:
            return await conn.fetchval(
                """
                UPDATE appraisals
                   SET status = $2,
                       appraised_value = COALESCE($3, appraised_value),
                       last_event_at = GREATEST(COALESCE(last_event_at, $4), $4)
                 WHERE vendor_order_id = $1
                RETURNING application_id
                """,
                vendor_order_id,
                status,
                value,
                at,
            )

    async def create(self, application_id: int, vendor: str, vendor_order_id: str) -> None:
        async with pg_conn() as conn:
            await conn.execute(
                """
                INSERT INTO appraisals (application_id, vendor, vendor_order_id, status, created_at, updated_at)
                VALUES ($1, $2, $3, 'ordered', now(), now())
                ON CONFLICT (vendor_order_id) DO NOTHING
                """,
                application_id,
                vendor,
                vendor_order_id,
            )

    async def for_application(self, application_id: int) -> list[dict[str, Any]]:
        async with pg_conn() as conn:
            rows = await conn.fetch(
                "SELECT * FROM appraisals WHERE application_id = $1 ORDER BY created_at DESC", application_id
            )
        return [dict(r) for r in rows]


class DeliveryRepository:
    """Secondary-market delivery data, read straight from Postgres."""

    async def loan_for_delivery(self, loan_number: str) -> dict[str, Any] | None:
        pool = get_pg_pool()
        conn: asyncpg.Connection = await pool.acquire()
        row = await conn.fetchrow(
            """
            SELECT a.loan_number, a.loan_amount, a.property_value, a.property_state, a.occupancy,
                   l.locked_rate, l.locked_price, c.scheduled_for AS closed_at
            FROM applications a
            JOIN rate_locks l ON l.application_id = a.id AND l.status = 'delivered'
            JOIN closings c ON c.application_id = a.id
            WHERE a.loan_number = $1
            """,
            loan_number,
        )
        await pool.release(conn)
        return dict(row) if row else None

    async def open_batches(self) -> list[dict[str, Any]]:
        async with get_pg_pool().acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT id, investor, loan_numbers FROM delivery_batches WHERE status = 'building'"
            )
        return [dict(r) for r in rows]

    async def mark_batch(self, batch_id: int, status: str, file_path: str | None) -> None:
        async with get_pg_pool().acquire(timeout=5) as conn:
            async with conn.transaction():
                await conn.execute(
                    "UPDATE delivery_batches SET status = $2, file_path = $3, updated_at = now() WHERE id = $1",
                    batch_id,
                    status,
                    file_path,
                )
