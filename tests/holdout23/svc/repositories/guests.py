"""Guest profile queries on the asyncpg pool."""

from __future__ import annotations

from collections.abc import Iterable

import asyncpg

from svc.db.pool import Database


class GuestRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, guest_id: int) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow("SELECT id, first_name, last_name, email, phone_e164, visit_count, tags FROM guests WHERE id = $1", guest_id)

    async def get_many(self, ids: Iterable[int]) -> dict[int, asyncpg.Record]:
        async with self._db.connection() as conn:
            rows = await conn.fetch("SELECT id, first_name, last_name, email, phone_e164, visit_count, tags FROM guests WHERE id = ANY($1::bigint[])", list(ids))
        return {row["id"]: row for row in rows}

    async def find_by_email(self, group_id: int, email: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow("SELECT id, first_name, last_name, phone_e164 FROM guests WHERE group_id = $1 AND email = $2", group_id, email.lower())

    async def find_by_phone(self, phone: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow("SELECT id, group_id, first_name, last_name, visit_count FROM guests WHERE phone_e164 = $1 ORDER BY id DESC LIMIT 1", phone)

    async def search(self, group_id: int, term: str, limit: int = 50) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch("SELECT id, first_name, last_name, email, phone_e164 FROM guests WHERE group_id = $1 AND (last_name ILIKE '%' || $2 || '%' OR email ILIKE '%' || $2 || '%') ORDER BY last_name LIMIT $3", group_id, term, limit)

    async def page_for_group(self, group_id: int, after_id: int, batch: int) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch("SELECT id, first_name, phone_e164, visit_count, marketing_opt_in, tags FROM guests WHERE group_id = $1 AND id > $2 ORDER BY id LIMIT $3", group_id, after_id, batch)

    async def upsert(self, group_id: int, email: str, phone: str, first_name: str, last_name: str) -> int:
        async with self._db.connection() as conn:
            return await conn.fetchval(
                "INSERT INTO guests (group_id, email, phone_e164, first_name, last_name) VALUES ($1, $2, $3, $4, $5) "
                "ON CONFLICT (group_id, email) DO UPDATE SET phone_e164 = EXCLUDED.phone_e164, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name RETURNING id",
                group_id,
                email.lower(),
                phone,
                first_name,
                last_name,
            )

    async def record_visit(self, guest_id: int) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE guests SET visit_count = visit_count + 1 WHERE id = $1", guest_id)
