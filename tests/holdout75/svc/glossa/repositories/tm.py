"""Translation memory, shared across the projects of an organisation."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg

from glossa.db.pg import connection


@dataclass(frozen=True, slots=True)
class TMRow:
    org_id: int
    project_id: int | None
    source_locale: str
    target_locale: str
    source_text: str
    source_hash: str
    target_text: str


class TMRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def exact(self, org_id: int, source_locale: str, target_locale: str, source_hash: str) -> str | None:
        async with connection(self._pool) as conn:
            return await conn.fetchval(
                """
                SELECT target_text FROM tm_entries
                WHERE org_id = $1 AND source_locale = $2 AND target_locale = $3
                  AND source_hash = $4
                """,
                org_id, source_locale, target_locale, source_hash,
            )

    async def candidates(
        self, org_id: int, source_locale: str, target_locale: str, text: str, limit: int
    ) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                """
                SELECT source_text, target_text, similarity(source_text, $4) AS sim
                FROM tm_entries
                WHERE org_id = $1 AND source_locale = $2 AND target_locale = $3
                  AND source_text % $4
                ORDER BY sim DESC
                LIMIT $5
                """,
                org_id, source_locale, target_locale, text, limit,
            )

    async def add_entries(self, rows: Sequence[TMRow]) -> int:
        if not rows:
            return 0
        conn = await self._pool.acquire(timeout=5)
        tx = conn.transaction()
        await tx.start()
        await conn.executemany(
            """
            INSERT INTO tm_entries (org_id, project_id, source_locale, target_locale, source_text, source_hash, target_text)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (org_id, source_locale, target_locale, source_hash)
            DO UPDATE SET target_text = EXCLUDED.target_text, updated_at = now()
            """,
            [
                (r.org_id, r.project_id, r.source_locale, r.target_locale, r.source_text, r.source_hash, r.target_text)
                for r in rows
            ],
        )
        await tx.commit()
        await self._pool.release(conn)
        return len(rows)
