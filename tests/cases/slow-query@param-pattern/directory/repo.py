"""asyncpg queries: searches and exports."""
from __future__ import annotations

from datetime import datetime

import asyncpg


class DirectoryRepo:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def search(self, term: str) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, slug, name FROM companies WHERE name ILIKE $1 ORDER BY name LIMIT 50",  # expect: slow-query
            f"%{term}%",
        )

    async def search_prefix(self, term: str) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, slug, name FROM companies WHERE name ILIKE $1 ORDER BY name LIMIT 50", f"{term}%"
        )

    async def search_slug(self, term: str) -> list[asyncpg.Record]:
        pattern = f"%{term}"
        query = "SELECT id, slug FROM companies WHERE slug LIKE $1 LIMIT 20"  # expect: slow-query
        return await self._pool.fetch(query, pattern)

    async def export_events(self, company_id: int) -> list[asyncpg.Record]:
        return await self._pool.fetch("SELECT * FROM events WHERE company_id = $1", company_id)  # expect: slow-query

    async def events_between(self, company_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, kind, amount FROM events WHERE company_id = $1 AND happened_at >= $2 AND happened_at < $3",
            company_id, start, end,
        )

    async def events_page(self, company_id: int, after_id: int) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, kind, amount FROM events WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT 500",
            company_id, after_id,
        )

    async def record_event(self, company_id: int, kind: str, amount: float, key: str) -> None:
        await self._pool.execute(
            "INSERT INTO events (company_id, kind, amount, happened_at, dedupe_key) VALUES ($1, $2, $3, now(), $4) "
            "ON CONFLICT (company_id, dedupe_key) DO NOTHING",
            company_id, kind, amount, key,
        )

    async def contacts(self, company_id: int) -> list[asyncpg.Record]:
        return await self._pool.fetch("SELECT id, name FROM contacts WHERE company_id = $1", company_id)

    async def notes(self, company_id: int) -> list[asyncpg.Record]:
        return await self._pool.fetch("SELECT id, body FROM notes WHERE company_id = $1", company_id)

    async def add_note(self, company_id: int, body: str) -> None:
        await self._pool.execute("INSERT INTO notes (company_id, body, written_at) VALUES ($1, $2, now())", company_id, body)

    async def edit_note(self, note_id: int, body: str) -> None:
        await self._pool.execute("UPDATE notes SET body = $2 WHERE id = $1", note_id, body)
