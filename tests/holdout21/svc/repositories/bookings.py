"""Hand-written SQL for class seats, bookings and waitlists."""
from __future__ import annotations

from datetime import datetime

import asyncpg

from svc.db.postgres import Database


class BookingRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def reserve_seat(self, conn: asyncpg.Connection, class_id: int) -> bool:
        row = await conn.fetchrow(
            """
            UPDATE class_sessions SET booked_count = booked_count + 1
            WHERE id = $1 AND booked_count < capacity
            RETURNING booked_count
            """,
            class_id,
        )
        return row is not None

    async def release_seat(self, conn: asyncpg.Connection, class_id: int) -> None:
        await conn.execute(
            "UPDATE class_sessions SET booked_count = GREATEST(booked_count - 1, 0) WHERE id = $1", class_id
        )

    async def insert_booking(self, conn: asyncpg.Connection, class_id: int, member_id: int) -> int | None:
        return await conn.fetchval(
            """
            INSERT INTO bookings (class_id, member_id, status) VALUES ($1, $2, 'booked')
            ON CONFLICT (class_id, member_id) DO NOTHING
            RETURNING id
            """,
            class_id, member_id,
        )

    async def insert_bookings_bulk(self, conn: asyncpg.Connection, class_id: int, member_ids: list[int]) -> list[int]:
        rows = await conn.fetch(
            """
            INSERT INTO bookings (class_id, member_id, status)
            SELECT $1, m, 'booked' FROM unnest($2::bigint[]) AS m
            ON CONFLICT (class_id, member_id) DO UPDATE SET status = 'booked'
            RETURNING member_id
            """,
            class_id, member_ids,
        )
        await conn.execute("UPDATE class_sessions SET booked_count = booked_count + $2 WHERE id = $1", class_id, len(rows))
        return [r["member_id"] for r in rows]

    async def class_capacity(self, class_id: int) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow("SELECT capacity, booked_count, starts_at FROM class_sessions WHERE id = $1", class_id)

    async def active_count(self, class_id: int) -> int:
        async with self._db.connection() as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM bookings WHERE class_id = $1 AND status IN ('booked', 'checked_in')", class_id
            )

    async def insert_walk_in(self, class_id: int, member_id: int) -> int:
        async with self._db.connection() as conn:
            return await conn.fetchval(
                "INSERT INTO bookings (class_id, member_id, status) VALUES ($1, $2, 'checked_in') RETURNING id",
                class_id, member_id,
            )

    async def cancel(self, conn: asyncpg.Connection, class_id: int, member_id: int) -> bool:
        status = await conn.fetchval(
            """
            UPDATE bookings SET status = 'cancelled'
            WHERE class_id = $1 AND member_id = $2 AND status = 'booked'
            RETURNING status
            """,
            class_id, member_id,
        )
        return status is not None

    async def roster(self, class_id: int) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT member_id, status FROM bookings WHERE class_id = $1 AND status <> 'cancelled'", class_id
            )

    async def for_member(self, member_id: int, since: datetime) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                """
                SELECT b.id, b.class_id, b.status, c.title, c.starts_at
                FROM bookings b JOIN class_sessions c ON c.id = b.class_id
                WHERE b.member_id = $1 AND c.starts_at >= $2
                ORDER BY c.starts_at
                LIMIT 100
                """,
                member_id, since,
            )

    async def join_waitlist(self, conn: asyncpg.Connection, class_id: int, member_id: int, priority: bool) -> int | None:
        return await conn.fetchval(
            """
            INSERT INTO waitlist_entries (class_id, member_id, priority, position)
            VALUES ($1, $2, $3, nextval('waitlist_position_seq'))
            ON CONFLICT ON CONSTRAINT ux_waitlist_class_member DO NOTHING
            RETURNING position
            """,
            class_id, member_id, priority,
        )

    async def next_waitlisted(self, conn: asyncpg.Connection, class_id: int, limit: int) -> list[asyncpg.Record]:
        return await conn.fetch(
            """
            SELECT id, member_id, priority, position FROM waitlist_entries
            WHERE class_id = $1
            ORDER BY position
            LIMIT $2
            FOR UPDATE SKIP LOCKED
            """,
            class_id, limit,
        )

    async def remove_waitlist_entries(self, conn: asyncpg.Connection, entry_ids: list[int]) -> None:
        await conn.execute("DELETE FROM waitlist_entries WHERE id = ANY($1::bigint[])", entry_ids)

    async def classes_with_open_seats(self, conn: asyncpg.Connection, now: datetime) -> list[asyncpg.Record]:
        return await conn.fetch(
            """
            SELECT c.id, c.capacity - c.booked_count AS open_seats
            FROM class_sessions c
            WHERE c.starts_at > $1 AND c.starts_at < $1 + interval '2 days'
              AND c.booked_count < c.capacity
              AND EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.class_id = c.id)
            """,
            now,
        )
