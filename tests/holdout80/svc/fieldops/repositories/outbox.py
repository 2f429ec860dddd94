from __future__ import annotations

import asyncpg

CLAIM_BATCH = """
UPDATE notification_outbox SET status = 'sending', attempts = attempts + 1
WHERE id IN (
    SELECT id FROM notification_outbox
    WHERE status = 'pending'
    ORDER BY created_at
    LIMIT $1
    FOR UPDATE SKIP LOCKED
)
RETURNING id, channel, recipient, subject, body, attempts
"""


class OutboxRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def enqueue(self, channel: str, recipient: str, body: str, subject: str | None = None) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval(
                "INSERT INTO notification_outbox (channel, recipient, subject, body) VALUES ($1, $2, $3, $4) RETURNING id",
                channel,
                recipient,
                subject,
                body,
            )

    async def claim(self, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(CLAIM_BATCH, limit)

    async def mark_sent(self, message_id: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE notification_outbox SET status = 'sent' WHERE id = $1", message_id)

    async def mark_failed(self, message_id: int, retry: bool) -> None:
        status = "pending" if retry else "failed"
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE notification_outbox SET status = $2 WHERE id = $1", message_id, status)
