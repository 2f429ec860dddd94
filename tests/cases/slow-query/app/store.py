"""Queries with slow shapes, and the fast shapes beside them."""
from __future__ import annotations

import asyncpg


class Store:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def search_members(self, q: str):
        return await self.pool.fetch("SELECT id, full_name FROM members WHERE full_name ILIKE '%' || $1 || '%' LIMIT 20", q)  # expect: slow-query

    async def members_starting(self, prefix: str):
        return await self.pool.fetch("SELECT id FROM members WHERE email LIKE 'a%' LIMIT 20")

    async def search_notes(self, q: str):
        return await self.pool.fetch("SELECT id FROM notes WHERE body ILIKE '%' || $1 || '%' LIMIT 20", q)

    async def team_page(self, team_id: int, offset: int):
        return await self.pool.fetch(
            """
            SELECT id, full_name FROM members WHERE team_id = $1
            ORDER BY joined_at DESC
            OFFSET $2 LIMIT 50""",  # expect: slow-query
            team_id, offset,
        )

    async def team_before(self, team_id: int, before):
        return await self.pool.fetch(
            "SELECT id, full_name FROM members WHERE team_id = $1 AND joined_at < $2 ORDER BY joined_at DESC LIMIT 50",
            team_id, before,
        )

    async def member_by_email(self, email: str):
        return await self.pool.fetchrow("SELECT * FROM members WHERE email = $1", email)  # expect: slow-query

    async def tag(self, tag_id: int):
        return await self.pool.fetchrow("SELECT * FROM tags WHERE id = $1", tag_id)

    async def member_ci(self, email: str):
        return await self.pool.fetchrow("SELECT id FROM members WHERE lower(email) = $1", email.lower())  # expect: slow-query

    async def note_by_title(self, title: str):
        return await self.pool.fetchrow("SELECT id FROM notes WHERE lower(title) = $1", title.lower())

    async def notes_since(self, since):
        return await self.pool.fetch("SELECT id, title, created_at FROM notes WHERE created_at >= $1 ORDER BY created_at", since)  # expect: slow-query

    async def notes_since_page(self, since, limit: int):
        return await self.pool.fetch("SELECT id, title FROM notes WHERE created_at >= $1 ORDER BY created_at LIMIT $2", since, limit)

    async def team_members(self, team_id: int):
        return await self.pool.fetch("SELECT id FROM members WHERE team_id = $1", team_id)

    async def note_count(self):
        return await self.pool.fetchval("SELECT count(*) FROM notes")

    async def vector_indexes(self, schema: str, limit: int, offset: int):
        """Introspection: a handful of catalog rows, not a table the application grows."""
        return await self.pool.fetch(
            """
            SELECT i.indexname, i.indexdef, am.amname
            FROM pg_indexes i
            JOIN pg_class c ON c.relname = i.indexname
            JOIN pg_am am ON c.relam = am.oid
            WHERE i.schemaname = $1 AND i.indexdef LIKE '%vector%'
            ORDER BY i.indexname
            LIMIT $2 OFFSET $3
            """,
            schema, limit, offset,
        )
