from __future__ import annotations

import json

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from stacks.db.models import Title
from stacks.db.pool import ACQUIRE_TIMEOUT_S

_UPSERT_TITLE = """
INSERT INTO titles (control_number, isbn, title, sort_title, author, format, marc, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, now(), now())
ON CONFLICT (control_number) DO UPDATE
SET isbn = EXCLUDED.isbn, title = EXCLUDED.title, sort_title = EXCLUDED.sort_title,
    author = EXCLUDED.author, format = EXCLUDED.format, marc = EXCLUDED.marc, updated_at = now()
"""


class CatalogueRepository:
    def __init__(self, session: AsyncSession, pool: asyncpg.Pool) -> None:
        self._session = session
        self._pool = pool

    async def get_title(self, title_id: int) -> Title | None:
        return await self._session.get(Title, title_id)

    async def get_titles(self, title_ids: list[int]) -> dict[int, Title]:
        rows = await self._session.scalars(select(Title).where(Title.id.in_(title_ids)))
        return {t.id: t for t in rows}

    async def search_keyword(self, term: str, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(
                "SELECT id, title, author, format FROM titles "
                "WHERE title ILIKE '%' || $1 || '%' OR author ILIKE '%' || $1 || '%' "
                "ORDER BY sort_title LIMIT $2",
                term,
                limit,
            )

    async def browse_prefix(self, prefix: str, after: str | None, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(
                "SELECT id, title, author, sort_title FROM titles "
                "WHERE sort_title LIKE $1 || '%' AND sort_title > coalesce($2, '') "
                "ORDER BY sort_title LIMIT $3",
                prefix.lower(),
                after,
                limit,
            )

    async def upsert_titles(self, rows: list[tuple]) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            async with conn.transaction():
                await conn.executemany(
                    _UPSERT_TITLE,
                    [(r[0], r[1], r[2], r[3], r[4], r[5], json.dumps(r[6])) for r in rows],
                )

    async def delete_by_control_numbers(self, control_numbers: list[str]) -> int:
        async with self._pool.acquire() as conn:
            result = await conn.execute("DELETE FROM titles WHERE control_number = ANY($1::text[])", control_numbers)
        return int(result.split()[-1])
