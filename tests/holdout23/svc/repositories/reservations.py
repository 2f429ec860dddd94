"""Reservation queries on the asyncpg pool."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime

import asyncpg

from svc.db.pool import Database
from svc.errors import ConflictError, NotFoundError, SlotUnavailableError


class ReservationRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def list_for_day(self, venue_id: int, day_start: datetime, day_end: datetime) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch("SELECT id, guest_id, table_id, party_size, starts_at, ends_at, status, source FROM reservations WHERE venue_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at", venue_id, day_start, day_end)

    async def count_covers_on(self, venue_id: int, tz: str, day: date) -> int:
        async with self._db.connection() as conn:
            total = await conn.fetchval("SELECT COALESCE(SUM(party_size), 0) FROM reservations WHERE venue_id = $1 AND (starts_at AT TIME ZONE $2)::date = $3 AND status <> 'cancelled'", venue_id, tz, day)
        return int(total)

    async def get_by_confirmation(self, code: str) -> asyncpg.Record:
        async with self._db.connection() as conn:
            row = await conn.fetchrow("SELECT id, venue_id, guest_id, table_id, party_size, starts_at, ends_at, status, confirmation_code FROM reservations WHERE confirmation_code = $1", code)
        if row is None:
            raise NotFoundError("reservation not found", details={"code": code})
        return row

    async def get_many(self, ids: Sequence[int]) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch("SELECT id, guest_id, venue_id, party_size, starts_at, status, confirmation_code FROM reservations WHERE id = ANY($1::bigint[])", list(ids))

    async def next_for_guest(self, guest_id: int) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow("SELECT id, venue_id, starts_at FROM reservations WHERE guest_id = $1 AND starts_at > now() AND status = 'booked' ORDER BY starts_at LIMIT 1", guest_id)

    async def create(
        self,
        *,
        venue_id: int,
        guest_id: int,
        table_id: int,
        party_size: int,
        starts_at: datetime,
        ends_at: datetime,
        code: str,
        source: str,
        status: str,
    ) -> asyncpg.Record:
        async with self._db.connection() as conn:
            clash = await conn.fetchval(
                "SELECT id FROM reservations WHERE table_id = $1 AND status IN ('booked', 'seated', 'pending_deposit') "
                "AND starts_at < $3 AND ends_at > $2 LIMIT 1",
                table_id,
                starts_at,
                ends_at,
            )
            if clash is not None:
                raise SlotUnavailableError("table already booked for that time", details={"table_id": table_id})
            return await conn.fetchrow(
                "INSERT INTO reservations (venue_id, guest_id, table_id, party_size, starts_at, ends_at, status, confirmation_code, source) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, confirmation_code, status",
                venue_id,
                guest_id,
                table_id,
                party_size,
                starts_at,
                ends_at,
                status,
                code,
                source,
            )

    async def confirm_deposit(self, reservation_id: int) -> None:
        async with self._db.connection() as conn:
            updated = await conn.fetchrow("UPDATE reservations SET status = 'booked' WHERE id = $1 AND status = 'pending_deposit' RETURNING id", reservation_id)
        if updated is None:
            raise ConflictError("reservation is not awaiting a deposit", details={"id": reservation_id})

    async def cancel(self, reservation_id: int) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow("UPDATE reservations SET status = 'cancelled' WHERE id = $1 AND status IN ('booked', 'pending_deposit') RETURNING id, venue_id, starts_at", reservation_id)

    async def attach_pos_spend_many(self, spends: Sequence[tuple[str, int]]) -> None:
        async with self._db.connection() as conn:
            await conn.executemany("UPDATE reservations SET spend_cents = $2 WHERE pos_check_id = $1", spends)

    async def history_page(self, guest_id: int, before: datetime, limit: int = 20) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch("SELECT id, venue_id, party_size, starts_at, status, spend_cents FROM reservations WHERE guest_id = $1 AND starts_at < $2 ORDER BY starts_at DESC LIMIT $3", guest_id, before, limit)

    async def iter_for_export(self, venue_id: int, since: datetime) -> AsyncIterator[asyncpg.Record]:
        async with self._db.pool.acquire() as conn:
            async with conn.transaction():
                async for record in conn.cursor("SELECT id, guest_id, party_size, starts_at, status, source, spend_cents FROM reservations WHERE venue_id = $1 AND starts_at >= $2 ORDER BY starts_at", venue_id, since, prefetch=500):
                    yield record
