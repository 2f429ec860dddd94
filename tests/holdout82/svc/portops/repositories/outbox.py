from __future__ import annotations

import asyncpg


class EdiOutbox:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def enqueue(self, recipient: str, message_type: str, body: str) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval(
                "INSERT INTO edi_outbox (recipient, message_type, body) VALUES ($1, $2, $3) RETURNING id",
                recipient, message_type, body,
            )

    async def pending(self, limit: int = 100) -> list[asyncpg.Record]:
        conn = await self._pool.acquire(timeout=5)
        rows = await conn.fetch("SELECT id, recipient, message_type, body, attempts FROM edi_outbox WHERE status = 'PENDING' ORDER BY created_at LIMIT $1", limit)
        await self._pool.release(conn)
        return rows

    async def mark_sent(self, outbox_id: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE edi_outbox SET status = 'SENT' WHERE id = $1", outbox_id)

    async def mark_failed(self, outbox_id: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE edi_outbox SET attempts = attempts + 1, "
                "status = CASE WHEN attempts + 1 >= 8 THEN 'DEAD' ELSE 'PENDING' END WHERE id = $1",
                outbox_id,
            )
