from __future__ import annotations

import json
from typing import Any

import asyncpg

from procurement.db.pg import pool


async def enqueue(conn: asyncpg.Connection, po_id: int, message_type: str, payload: dict[str, Any]) -> int:
    return await conn.fetchval(
        "INSERT INTO edi_outbox (po_id, message_type, payload) VALUES ($1, $2, $3::jsonb) RETURNING id",
        po_id,
        message_type,
        json.dumps(payload),
    )


async def claim_batch(limit: int) -> list[asyncpg.Record]:
    async with pool().acquire(timeout=5) as conn:
        async with conn.transaction():
            return await conn.fetch(
                """
                UPDATE edi_outbox SET status = 'sending', attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM edi_outbox
                    WHERE status = 'pending'
                    ORDER BY created_at
                    LIMIT $1
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING id, po_id, message_type, payload, attempts
                """,
                limit,
            )


async def mark_sent(outbox_id: int, interchange_id: str) -> None:
    conn = await pool().acquire()
    await conn.execute(
        "UPDATE edi_outbox SET status = 'sent', sent_at = now(), payload = payload || $2::jsonb WHERE id = $1",
        outbox_id,
        json.dumps({"interchange_id": interchange_id}),
    )
    await pool().release(conn)


async def mark_failed(outbox_id: int, give_up: bool) -> None:
    status = "failed" if give_up else "pending"
    async with pool().acquire(timeout=5) as conn:
        await conn.execute("UPDATE edi_outbox SET status = $2 WHERE id = $1", outbox_id, status)


async def requeue_stuck(older_than_seconds: int = 600) -> int:
    async with pool().acquire(timeout=5) as conn:
        result = await conn.execute(
            "UPDATE edi_outbox SET status = 'pending' WHERE status = 'sending' "
            "AND created_at < now() - make_interval(secs => $1)",
            older_than_seconds,
        )
    return int(result.split()[-1])
