"""Transactional outbox for ERP messages (asyncpg)."""
from __future__ import annotations

import json
from collections.abc import Sequence

import asyncpg


class ErpOutboxRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def enqueue(self, conn: asyncpg.Connection, lot_id: int, event_type: str, payload: dict) -> None:
        await conn.execute(
            "INSERT INTO erp_outbox (lot_id, event_type, payload) VALUES ($1, $2, $3)",
            lot_id, event_type, json.dumps(payload),
        )

    async def pending(self, limit: int = 100) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, lot_id, event_type, payload, attempts FROM erp_outbox "
                "WHERE sent_at IS NULL AND attempts < 10 ORDER BY created_at LIMIT $1",
                limit,
            )

    async def mark_sent(self, ids: Sequence[int]) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(
                "UPDATE erp_outbox SET sent_at = now() WHERE id = ANY($1::bigint[])", list(ids)
            )

    async def mark_failed(self, outbox_id: int, error: str) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(
                "UPDATE erp_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1",
                outbox_id, error[:500],
            )
