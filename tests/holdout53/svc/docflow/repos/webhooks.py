from __future__ import annotations

import json
import uuid
from typing import Any

from docflow.db.raw import raw_pool


async def endpoints_for(workspace_id: uuid.UUID, event: str) -> list[dict[str, Any]]:
    async with raw_pool.get().acquire(timeout=5) as conn:
        rows = await conn.fetch(
            "SELECT id, url, secret FROM webhook_endpoints "
            "WHERE workspace_id = $1 AND active AND events ? $2",
            workspace_id,
            event,
        )
    return [dict(r) for r in rows]


async def enqueue(endpoint_ids: list[int], event: str, payload: dict) -> None:
    body = json.dumps(payload, default=str)
    async with raw_pool.get().acquire(timeout=5) as conn:
        await conn.executemany(
            "INSERT INTO webhook_deliveries (endpoint_id, event, payload) VALUES ($1, $2, $3::jsonb)",
            [(eid, event, body) for eid in endpoint_ids],
        )


async def claim_due(worker: str, batch: int = 50) -> list[dict[str, Any]]:
    async with raw_pool.get().acquire(timeout=5) as conn:
        async with conn.transaction():
            rows = await conn.fetch(
                """
                SELECT d.id, d.event, d.payload, d.attempts, e.url, e.secret, e.id AS endpoint_id
                FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.status = 'pending' AND d.next_attempt <= now()
                ORDER BY d.next_attempt
                LIMIT $1
                FOR UPDATE OF d SKIP LOCKED
                """,
                batch,
            )
            ids = [r["id"] for r in rows]
            if ids:
                await conn.execute(
                    "UPDATE webhook_deliveries SET status = 'sending' WHERE id = ANY($1::bigint[])", ids
                )
    return [dict(r) for r in rows]


async def mark_delivered(delivery_id: int) -> None:
    async with raw_pool.get().acquire(timeout=5) as conn:
        await conn.execute("UPDATE webhook_deliveries SET status = 'delivered' WHERE id = $1", delivery_id)


async def reschedule(delivery_id: int, attempts: int, delay_s: float, error: str, final: bool) -> None:
    async with raw_pool.get().acquire(timeout=5) as conn:
        await conn.execute(
            "UPDATE webhook_deliveries SET status = $2, attempts = $3, "
            "next_attempt = now() + make_interval(secs => $4), last_error = $5 WHERE id = $1",
            delivery_id,
            "failed" if final else "pending",
            attempts,
            delay_s,
            error[:2000],
        )
