"""Dispatch requests and computed per-tool queues (asyncpg)."""
from __future__ import annotations

from collections.abc import Sequence

import asyncpg


class DispatchRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def request(self, tool_id: int, reason: str) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(
                "INSERT INTO dispatch_requests (tool_id, reason) VALUES ($1, $2)", tool_id, reason
            )

    async def claim_requests(self, limit: int = 20) -> list[asyncpg.Record]:
        """Claim pending requests; safe with several workers running."""
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                rows = await conn.fetch(
                    "SELECT id, tool_id FROM dispatch_requests WHERE done_at IS NULL "
                    "ORDER BY requested_at LIMIT $1 FOR UPDATE SKIP LOCKED",
                    limit,
                )
                if rows:
                    await conn.execute(
                        "UPDATE dispatch_requests SET done_at = now() WHERE id = ANY($1::bigint[])",
                        [r["id"] for r in rows],
                    )
        return list(rows)

    async def replace_queue(self, tool_id: int, entries: Sequence[tuple[int, float]]) -> None:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                await conn.execute("DELETE FROM dispatch_queue WHERE tool_id = $1", tool_id)
                await conn.executemany(
                    "INSERT INTO dispatch_queue (tool_id, position, lot_id, score) VALUES ($1, $2, $3, $4)",
                    [(tool_id, pos, lot_id, score) for pos, (lot_id, score) in enumerate(entries)],
                )

    async def queue(self, tool_id: int) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT position, lot_id, score FROM dispatch_queue WHERE tool_id = $1 ORDER BY position",
                tool_id,
            )
