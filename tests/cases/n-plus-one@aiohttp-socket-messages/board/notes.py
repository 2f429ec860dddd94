"""Sticky notes on shared boards."""
from __future__ import annotations

import asyncpg
from aiohttp import web


class NoteStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def board_ids(self, owner_id: int) -> list[int]:
        rows = await self.pool.fetch("SELECT id FROM boards WHERE owner_id = $1 LIMIT 50", owner_id)
        return [row["id"] for row in rows]

    async def count_notes(self, board_id: int) -> int:
        return await self.pool.fetchval("SELECT count(*) FROM notes WHERE board_id = $1", board_id)

    async def add_note(self, board_id: int, text: str) -> None:
        await self.pool.execute("INSERT INTO notes (board_id, body) VALUES ($1, $2)", board_id, text)


NOTES = web.AppKey("notes", NoteStore)
