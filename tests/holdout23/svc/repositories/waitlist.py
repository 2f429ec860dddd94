"""Walk-in waitlist queries."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from svc.db.pool import Database


class WaitlistRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, venue_id: int, guest_name: str, phone: str, party_size: int) -> asyncpg.Record:
        async with self._db.connection() as conn:
            return await conn.fetchrow(
                "INSERT INTO waitlist_entries (venue_id, guest_name, phone_e164, party_size) VALUES ($1, $2, $3, $4) RETURNING id, joined_at",
                venue_id,
                guest_name,
                phone,
                party_size,
            )

    async def get(self, entry_id: int) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow("SELECT id, venue_id, guest_name, phone_e164, party_size, status, joined_at FROM waitlist_entries WHERE id = $1", entry_id)

    async def waiting(self, venue_id: int) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch("SELECT id, guest_name, phone_e164, party_size, joined_at FROM waitlist_entries WHERE venue_id = $1 AND status = 'waiting' ORDER BY priority, joined_at", venue_id)

    async def set_status(self, entry_id: int, status: str) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE waitlist_entries SET status = $2, notified_at = CASE WHEN $2 = 'notified' THEN now() ELSE notified_at END WHERE id = $1", entry_id, status)

    async def claim_next(self, venue_id: int) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(
                "UPDATE waitlist_entries SET status = 'notified', notified_at = now() WHERE id = ("
                "SELECT id FROM waitlist_entries WHERE venue_id = $1 AND status = 'waiting' ORDER BY priority, joined_at "
                "LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, guest_name, phone_e164, party_size",
                venue_id,
            )

    async def save_quotes(self, quotes: Sequence[tuple[int, int]]) -> None:
        async with self._db.connection() as conn:
            await conn.executemany("UPDATE waitlist_entries SET quoted_minutes = $2 WHERE id = $1", quotes)

    async def reorder(self, venue_id: int, ordered_ids: Sequence[int]) -> None:
        conn = await self._db.pool.acquire(timeout=self._db.acquire_timeout)
        await conn.executemany(
            "UPDATE waitlist_entries SET priority = $3 WHERE id = $1 AND venue_id = $2",
            [(entry_id, venue_id, position) for position, entry_id in enumerate(ordered_ids)],
        )
        await self._db.pool.release(conn)
