"""Raw-SQL access to subscriptions and digest state."""
from __future__ import annotations

import asyncpg


class DigestStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def due_subscribers(self, limit: int = 200) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, email FROM subscribers WHERE digest_due_at < now() ORDER BY id LIMIT $1", limit
            )

    async def unread_count(self, subscriber_id: int) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval("SELECT count(*) FROM inbox WHERE subscriber_id = $1 AND read_at IS NULL",
                                       subscriber_id)

    async def unread_counts(self, subscriber_ids: list[int]) -> dict[int, int]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT subscriber_id, count(*) AS n FROM inbox WHERE subscriber_id = ANY($1::int[]) "
                "AND read_at IS NULL GROUP BY subscriber_id", subscriber_ids,
            )
        return {row["subscriber_id"]: row["n"] for row in rows}
