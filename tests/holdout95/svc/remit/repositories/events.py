"""Processed-event bookkeeping for inbound webhooks and partner callbacks (raw asyncpg)."""
from __future__ import annotations

import asyncpg


class EventRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def seen(self, source: str, event_id: str) -> bool:
        async with self._pool.acquire(timeout=3) as conn:
            return bool(
                await conn.fetchval(
                    "SELECT 1 FROM processed_events WHERE source = $1 AND event_id = $2", source, event_id
                )
            )

    async def mark(self, source: str, event_id: str) -> None:
        async with self._pool.acquire(timeout=3) as conn:
            await conn.execute(
                "INSERT INTO processed_events (source, event_id, processed_at) VALUES ($1, $2, now())"
                " ON CONFLICT DO NOTHING",
                source, event_id,
            )

    async def claim(self, source: str, event_id: str) -> bool:
        """Record the event; True only for the first caller."""
        async with self._pool.acquire(timeout=3) as conn:
            inserted = await conn.fetchval(
                "INSERT INTO processed_events (source, event_id, processed_at) VALUES ($1, $2, now())"
                " ON CONFLICT (source, event_id) DO NOTHING RETURNING 1",
                source, event_id,
            )
        return inserted is not None
