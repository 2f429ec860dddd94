"""asyncpg queries for listings."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

pool: asyncpg.Pool | None = None


@asynccontextmanager
async def connection() -> AsyncIterator[asyncpg.Connection]:
    assert pool is not None
    async with pool.acquire(timeout=5) as conn:
        yield conn


async def record_view(listing_id: int) -> None:
    async with connection() as conn:
        await conn.execute("INSERT INTO listing_views (listing_id) VALUES ($1)", listing_id)


async def view_history(listing_id: int) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch("SELECT id, viewed_at FROM listing_views WHERE listing_id = $1 ORDER BY viewed_at", listing_id)  # expect: slow-query


async def recent_views(listing_id: int, since) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch("SELECT id, viewed_at FROM listing_views WHERE listing_id = $1 AND viewed_at >= $2 ORDER BY viewed_at LIMIT 500", listing_id, since)


async def notes(listing_id: int) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch("SELECT id, body FROM listing_notes WHERE listing_id = $1 ORDER BY created_at", listing_id)


async def add_note(listing_id: int, body: str) -> None:
    async with connection() as conn:
        await conn.execute("INSERT INTO listing_notes (listing_id, body) VALUES ($1, $2)", listing_id, body)


async def edit_note(note_id: int, body: str) -> None:
    async with connection() as conn:
        await conn.execute("UPDATE listing_notes SET body = $2 WHERE id = $1", note_id, body)
