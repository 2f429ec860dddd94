"""Hand-written SQL for members and their check-ins."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg
from fastapi import HTTPException, status

from svc.db.postgres import Database

MEMBER_COLUMNS = "id, gym_id, email, first_name, last_name, status, last_visit_at"


class MemberRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, member_id: int) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(f"SELECT {MEMBER_COLUMNS} FROM members WHERE id = $1", member_id)

    async def get_or_404(self, member_id: int) -> asyncpg.Record:
        row = await self.get(member_id)
        if row is None:
            raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="member not found")
        return row

    async def get_by_email(self, email: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(
                f"SELECT {MEMBER_COLUMNS}, password_hash FROM members WHERE email = $1", email.lower()
            )

    async def get_many(self, member_ids: list[int]) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(f"SELECT {MEMBER_COLUMNS} FROM members WHERE id = ANY($1::bigint[])", member_ids)

    async def display_name(self, member_id: int) -> str:
        async with self._db.connection() as conn:
            row = await conn.fetchrow("SELECT first_name, last_name FROM members WHERE id = $1", member_id)
        return f"{row['first_name']} {row['last_name'][:1]}." if row else "Guest"

    async def create(self, gym_id: int, email: str, first_name: str, last_name: str, password_hash: bytes) -> int:
        async with self._db.connection() as conn:
            return await conn.fetchval(
                """
                INSERT INTO members (gym_id, email, first_name, last_name, password_hash)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (email) DO NOTHING
                RETURNING id
                """,
                gym_id, email.lower(), first_name, last_name, password_hash,
            )

    async def update_profile(self, member_id: int, fields: dict[str, Any]) -> None:
        allowed = {k: v for k, v in fields.items() if k in {"first_name", "last_name"}}
        if not allowed:
            return
        assignments = ", ".join(f"{col} = ${i}" for i, col in enumerate(allowed, start=2))
        async with self._db.connection() as conn:
            await conn.execute(f"UPDATE members SET {assignments} WHERE id = $1", member_id, *allowed.values())

    async def list_page(self, gym_id: int, page: int, page_size: int = 50) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                f"SELECT {MEMBER_COLUMNS} FROM members WHERE gym_id = $1 ORDER BY id LIMIT $2 OFFSET $3",
                gym_id, page_size, page * page_size,
            )

    async def search_by_last_name(self, gym_id: int, prefix: str, limit: int = 25) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                f"SELECT {MEMBER_COLUMNS} FROM members WHERE last_name LIKE $1 || '%' AND gym_id = $2 LIMIT $3",
                prefix, gym_id, limit,
            )

    async def list_after(self, gym_id: int, after_id: int, limit: int = 50) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                f"SELECT {MEMBER_COLUMNS} FROM members WHERE gym_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                gym_id, after_id, limit,
            )

    async def inactive_since(self, cutoff: datetime, limit: int = 5000) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT id, gym_id, email FROM members WHERE status = 'active' AND last_visit_at < $1 LIMIT $2",
                cutoff, limit,
            )

    async def record_check_in(self, member_id: int, gym_id: int, at: datetime) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO check_ins (member_id, gym_id, checked_in_at) VALUES ($1, $2, $3)", member_id, gym_id, at
            )
            await conn.execute(
                "UPDATE members SET last_visit_at = GREATEST(last_visit_at, $2) WHERE id = $1", member_id, at
            )
