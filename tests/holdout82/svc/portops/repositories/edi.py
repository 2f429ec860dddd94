from __future__ import annotations

from datetime import datetime

import asyncpg


class EdiInbox:
    """Raw asyncpg access to the inbound EDI message table."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float = 5.0) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def store(self, sender: str, reference: str, message_type: str, payload: str, received_at: datetime) -> int | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchval(
                """
                INSERT INTO edi_messages (sender, interchange_ref, message_type, payload, status, received_at)
                VALUES ($1, $2, $3, $4, 'PENDING', $5)
                ON CONFLICT (sender, interchange_ref) DO NOTHING
                RETURNING id
                """,
                sender, reference, message_type, payload, received_at,
            )

    async def claim_batch(self, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            async with conn.transaction():
                return await conn.fetch(
                    """
                    UPDATE edi_messages SET status = 'PROCESSING'
                    WHERE id IN (
                        SELECT id FROM edi_messages WHERE status = 'PENDING'
                        ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED
                    )
                    RETURNING id, sender, interchange_ref, message_type, payload
                    """,
                    limit,
                )

    async def mark(self, message_id: int, status: str, error: str | None = None) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                "UPDATE edi_messages SET status = $2, error = $3, processed_at = now() WHERE id = $1",
                message_id, status, error,
            )

    async def search_payload(self, term: str, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            sql = "SELECT id, sender, interchange_ref, received_at FROM edi_messages WHERE payload ILIKE '%' || $1 || '%' ORDER BY received_at DESC LIMIT $2"
            return await conn.fetch(sql, term, limit)

    async def recent_for_sender(self, sender: str, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            sql = "SELECT id, interchange_ref, status, received_at FROM edi_messages WHERE sender = $1 ORDER BY interchange_ref DESC LIMIT $2"
            return await conn.fetch(sql, sender, limit)
