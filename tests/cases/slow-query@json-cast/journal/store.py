"""Journal storage on the raw asyncpg pool: searches over a JSONB payload."""
from __future__ import annotations

import asyncpg


class JournalStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def search_payload(self, needle: str) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, author FROM journal_entries "
            "WHERE payload::text ILIKE '%' || $1 || '%' ORDER BY id DESC LIMIT 100",  # expect: slow-query
            needle,
        )

    async def with_key(self, fragment: dict) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, author FROM journal_entries WHERE payload @> $1::jsonb ORDER BY id DESC LIMIT 100",
            fragment,
        )

    async def payload_prefix(self, prefix: str) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id FROM journal_entries WHERE payload::text LIKE $1 || '%' LIMIT 100",
            prefix,
        )
