"""Raw SQL access to reservations and guests (asyncpg)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import asyncpg

from svc.config import settings


class ReservationRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, reservation_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            return await conn.fetchrow("SELECT * FROM reservations WHERE id = $1", reservation_id)

    async def guest_for(self, guest_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            return await conn.fetchrow("SELECT id, full_name, email, phone FROM guests WHERE id = $1", guest_id)

    async def guests_by_ids(self, guest_ids: Sequence[int]) -> dict[int, asyncpg.Record]:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT id, full_name, email, phone FROM guests WHERE id = ANY($1::bigint[])", list(guest_ids)
            )
        return {r["id"]: r for r in rows}

    async def for_property(self, property_id: int, start: date, end: date) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            return await conn.fetch(
                """
                SELECT r.id, r.room_id, r.guest_id, r.check_in, r.check_out, r.status, r.total
                FROM reservations r JOIN rooms rm ON rm.id = r.room_id
                WHERE rm.property_id = $1 AND r.check_in < $3 AND r.check_out > $2
                ORDER BY r.check_in
                """,
                property_id,
                start,
                end,
            )

    async def by_guest_email(self, email: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, confirmation_code, check_in, check_out, status FROM reservations "
                "WHERE guest_email = $1 ORDER BY check_in DESC LIMIT 50",
                email.lower(),
            )

    async def by_guest(self, guest_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, confirmation_code, check_in, check_out, status FROM reservations "
                "WHERE guest_id = $1 ORDER BY check_in DESC LIMIT 50",
                guest_id,
            )

    async def hold_room(self, room_id: int, guest_id: int, email: str, check_in: date, check_out: date,
                        total: Any, code: str) -> int | None:
        """Inserts a held reservation unless the room is taken for any of the nights."""
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            async with conn.transaction():
                await conn.execute("SELECT id FROM rooms WHERE id = $1 FOR UPDATE", room_id)
                return await conn.fetchval(
                    """
                    INSERT INTO reservations (room_id, guest_id, guest_email, check_in, check_out, status, total,
                                              confirmation_code)
                    SELECT $1, $2, $3, $4, $5, 'held', $6, $7
                    WHERE NOT EXISTS (
                        SELECT 1 FROM reservations
                        WHERE room_id = $1 AND status IN ('held', 'confirmed')
                          AND check_in < $5 AND check_out > $4
                    )
                    RETURNING id
                    """,
                    room_id, guest_id, email, check_in, check_out, total, code,
                )

    async def confirm(self, reservation_id: int, hold_id: str) -> bool:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            status = await conn.execute(
                "UPDATE reservations SET status = 'confirmed', payment_hold_id = $2 "
                "WHERE id = $1 AND status = 'held'",
                reservation_id,
                hold_id,
            )
        return status.endswith(" 1")

    async def overdue_confirmed(self, cutoff: date, limit: int = 500) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, guest_email, confirmation_code, payment_hold_id FROM reservations "
                "WHERE status = 'confirmed' AND check_in < $1 ORDER BY check_in LIMIT $2",
                cutoff,
                limit,
            )

    async def mark_no_show(self, ids: Sequence[int]) -> list[int]:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            rows = await conn.fetch(
                "UPDATE reservations SET status = 'no_show' WHERE id = ANY($1::bigint[]) AND status = 'confirmed' "
                "RETURNING id",
                list(ids),
            )
        return [r["id"] for r in rows]

    async def search_by_code_fragment(self, fragment: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, confirmation_code, guest_email FROM reservations "
                "WHERE confirmation_code ILIKE '%' || $1 || '%' ORDER BY created_at DESC",
                fragment,
            )

    async def export_window(self, property_id: int, after_id: int, limit: int) -> list[asyncpg.Record]:
        conn = await self._pool.acquire(timeout=settings.db_acquire_timeout)
        rows = await conn.fetch(
            "SELECT r.id, r.confirmation_code, r.check_in, r.check_out, r.total, r.currency FROM reservations r "
            "JOIN rooms rm ON rm.id = r.room_id WHERE rm.property_id = $1 AND r.id > $2 ORDER BY r.id LIMIT $3",
            property_id,
            after_id,
            limit,
        )
        await self._pool.release(conn)
        return rows

    async def record_channel_booking(self, booking: dict[str, Any], received_at: datetime) -> None:
        async with self._pool.acquire(timeout=settings.db_acquire_timeout) as conn:
            await conn.execute(
                "INSERT INTO channel_bookings (channel, external_ref, payload, received_at) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT (channel, external_ref) DO NOTHING",
                booking["channel"],
                booking["ref"],
                booking,
                received_at,
            )
