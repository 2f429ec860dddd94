from __future__ import annotations

from datetime import datetime

import asyncpg

from lifeline.db.pg import execute, fetch_rows


class AppointmentRepository:
    """Raw asyncpg access for the booking hot path."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def count_bookings(self, slot_id: int) -> int:
        rows = await fetch_rows(
            self._pool,
            "SELECT count(*) AS n FROM appointments WHERE slot_id = $1 AND status = 'booked'",
            slot_id,
        )
        return int(rows[0]["n"])

    async def slot_capacity(self, slot_id: int) -> int | None:
        rows = await fetch_rows(self._pool, "SELECT capacity FROM slots WHERE id = $1", slot_id)
        return rows[0]["capacity"] if rows else None

    async def insert_booking(self, slot_id: int, donor_id: int, reminder_due_at: datetime) -> int:
        rows = await fetch_rows(
            self._pool,
            """
            INSERT INTO appointments (slot_id, donor_id, status, reminder_due_at)
            VALUES ($1, $2, 'booked', $3)
            ON CONFLICT (slot_id, donor_id) DO UPDATE SET status = 'booked'
            RETURNING id
            """,
            slot_id,
            donor_id,
            reminder_due_at,
        )
        return rows[0]["id"]

    async def book_if_capacity(self, slot_id: int, donor_id: int, reminder_due_at: datetime) -> int | None:
        """Lock the slot row, count, insert: one transaction, so two bookings cannot overfill."""
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                slot = await conn.fetchrow("SELECT capacity FROM slots WHERE id = $1 FOR UPDATE", slot_id)
                if slot is None:
                    return None
                taken = await conn.fetchval(
                    "SELECT count(*) FROM appointments WHERE slot_id = $1 AND status = 'booked'", slot_id
                )
                if taken >= slot["capacity"]:
                    return None
                return await conn.fetchval(
                    "INSERT INTO appointments (slot_id, donor_id, status, reminder_due_at) "
                    "VALUES ($1, $2, 'booked', $3) RETURNING id",
                    slot_id,
                    donor_id,
                    reminder_due_at,
                )

    async def due_reminders(self, now: datetime, limit: int = 500) -> list[asyncpg.Record]:
        return await fetch_rows(
            self._pool,
            """
            SELECT a.id, a.donor_id, s.starts_at
            FROM appointments a JOIN slots s ON s.id = a.slot_id
            WHERE a.reminder_due_at <= $1 AND a.reminder_sent_at IS NULL AND a.status = 'booked'
            ORDER BY a.reminder_due_at
            LIMIT $2
            """,
            now,
            limit,
        )

    async def mark_reminded(self, appointment_ids: list[int], at: datetime) -> None:
        await execute(
            self._pool,
            "UPDATE appointments SET reminder_sent_at = $2 WHERE id = ANY($1::int[])",
            appointment_ids,
            at,
        )

    async def cancel(self, appointment_id: int) -> None:
        await execute(self._pool, "UPDATE appointments SET status = 'cancelled' WHERE id = $1", appointment_id)
