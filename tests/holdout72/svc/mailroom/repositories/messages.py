"""Per-recipient message rows. Hot path, so raw asyncpg."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import asyncpg


@dataclass(slots=True)
class QueuedMessage:
    id: int
    campaign_id: int
    subscriber_id: int
    email: str
    attempts: int


class MessageRepo:
    def __init__(self, pool: asyncpg.Pool):
        self._pool = pool

    async def enqueue_for_campaign(self, campaign_id: int, subscriber_rows: list[tuple[int, str]]) -> int:
        records = [(campaign_id, sid, email, "queued", 0) for sid, email in subscriber_rows]
        async with self._pool.acquire() as conn:
            await conn.executemany(
                """
                INSERT INTO messages (campaign_id, subscriber_id, email, status, attempts)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT ON CONSTRAINT uq_message_recipient DO NOTHING
                """,
                records,
            )
        return len(records)

    async def claim_batch(self, campaign_id: int, limit: int) -> list[QueuedMessage]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                """
                UPDATE messages SET status = 'sending', attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM messages
                    WHERE campaign_id = $1 AND status = 'queued'
                    ORDER BY id
                    LIMIT $2
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING id, campaign_id, subscriber_id, email, attempts
                """,
                campaign_id,
                limit,
            )
        return [QueuedMessage(**dict(r)) for r in rows]

    async def mark_sent(self, message_id: int, provider_message_id: str) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute(
                "UPDATE messages SET status = 'sent', provider_message_id = $2, sent_at = $3 WHERE id = $1",
                message_id,
                provider_message_id,
                datetime.now(timezone.utc),
            )

    async def mark_failed(self, message_id: int, error: str, *, permanent: bool) -> None:
        status = "failed" if permanent else "queued"
        async with self._pool.acquire() as conn:
            await conn.execute(
                "UPDATE messages SET status = $2, last_error = $3 WHERE id = $1",
                message_id,
                status,
                error[:2000],
            )

    async def mark_suppressed(self, message_ids: list[int]) -> None:
        if not message_ids:
            return
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE messages SET status = 'suppressed' WHERE id = ANY($1::bigint[])", message_ids)

    async def find_by_provider_id(self, provider_message_id: str) -> asyncpg.Record | None:
        async with self._pool.acquire() as conn:
            return await conn.fetchrow(
                "SELECT m.id, m.campaign_id, m.email, c.tenant_id FROM messages m "
                "JOIN campaigns c ON c.id = m.campaign_id WHERE m.provider_message_id = $1",
                provider_message_id,
            )

    async def remaining(self, campaign_id: int) -> int:
        async with self._pool.acquire() as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM messages WHERE campaign_id = $1 AND status IN ('queued', 'sending')",
                campaign_id,
            )
