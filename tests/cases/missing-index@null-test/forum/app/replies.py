"""Reads over thread replies."""
from __future__ import annotations

import asyncpg


class ReplyQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def top_level(self, thread_id: int) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, body FROM replies WHERE thread_id = $1 AND parent_id IS NULL ORDER BY id LIMIT 100",  # expect: missing-index
            thread_id,
        )

    async def children(self, parent_id: int) -> list[asyncpg.Record]:
        # look-alikes: an indexed column tested for a value, with or without the null test of another
        return await self._pool.fetch("SELECT id, body FROM replies WHERE parent_id = $1 LIMIT 100", parent_id)

    async def by_author_top_level(self, author_id: int) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id FROM replies WHERE author_id = $1 AND parent_id IS NULL LIMIT 100", author_id,
        )
