"""Result delivery queue rows (asyncpg)."""
from __future__ import annotations

from typing import Any

import asyncpg


class DeliveryRepo:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def enqueue(self, sample_id: int, clinic_id: int, channel: str) -> int:
        return await self._conn.fetchval(
            "INSERT INTO deliveries (sample_id, clinic_id, channel) VALUES ($1, $2, $3) RETURNING id",
            sample_id, clinic_id, channel,
        )

    async def lease_due(self, limit: int, lease_seconds: int = 120) -> list[dict[str, Any]]:
        rows = await self._conn.fetch(
            """
            UPDATE deliveries SET status = 'sending', next_attempt_at = now() + make_interval(secs => $2)
            WHERE id IN (
                SELECT id FROM deliveries
                WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
                ORDER BY next_attempt_at
                LIMIT $1
                FOR UPDATE SKIP LOCKED
            )
            RETURNING id, sample_id, clinic_id, channel, attempts
            """,
            limit, lease_seconds,
        )
        return [dict(r) for r in rows]

    async def mark_sent(self, delivery_id: int) -> None:
        await self._conn.execute(
            "UPDATE deliveries SET status = 'sent', attempts = attempts + 1 WHERE id = $1", delivery_id
        )

    async def mark_failed(self, delivery_id: int, error: str) -> None:
        await self._conn.execute(
            "UPDATE deliveries SET status = 'failed', attempts = attempts + 1, last_error = $2 WHERE id = $1",
            delivery_id, error[:500],
        )

    async def reschedule(self, delivery_id: int, error: str, delay_s: int) -> None:
        await self._conn.execute(
            """
            UPDATE deliveries SET status = 'pending', attempts = attempts + 1, last_error = $2,
                   next_attempt_at = now() + make_interval(secs => $3)
            WHERE id = $1
            """,
            delivery_id, error[:500], delay_s,
        )

    async def for_sample(self, sample_id: int) -> list[dict[str, Any]]:
        rows = await self._conn.fetch(
            "SELECT id, channel, status, attempts, last_error FROM deliveries WHERE sample_id = $1", sample_id
        )
        return [dict(r) for r in rows]
