"""An append-only event log in Postgres."""
from __future__ import annotations

import asyncpg


class EventLog:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def append(self, topic: str, body: str) -> None:
        await self._pool.execute("INSERT INTO events (topic, body) VALUES ($1, $2)", topic, body, timeout=5)

    async def recent(self, topic: str) -> list[str]:
        rows = await self._pool.fetch("SELECT body FROM events WHERE topic = $1 ORDER BY id DESC LIMIT 50", topic,
                                      timeout=5)
        return [row["body"] for row in rows]
