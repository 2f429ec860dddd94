"""Notification outbox and delay events, accessed with raw asyncpg."""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import asyncpg

from ..db import pg


async def enqueue(flight_id: int, booking_id: int | None, channel: str, payload: dict[str, Any]) -> int:
    rows = await pg.fetch(
        "INSERT INTO notification_outbox (flight_id, booking_id, channel, payload) "
        "VALUES ($1, $2, $3, $4::jsonb) RETURNING id",
        flight_id, booking_id, channel, json.dumps(payload),
    )
    return rows[0]["id"]


async def enqueue_many(items: Sequence[tuple[int, int | None, str, dict[str, Any]]]) -> None:
    async with pg.pool().acquire(timeout=5) as conn:
        await conn.executemany(
            "INSERT INTO notification_outbox (flight_id, booking_id, channel, payload) VALUES ($1, $2, $3, $4::jsonb)",
            [(f, b, c, json.dumps(p)) for f, b, c, p in items],
        )


async def claim_pending(limit: int = 100) -> list[asyncpg.Record]:
    async with pg.pool().acquire(timeout=5) as conn:
        async with conn.transaction():
            return await conn.fetch(
                """
                UPDATE notification_outbox SET status = 'SENDING', attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM notification_outbox
                    WHERE status = 'PENDING' ORDER BY created_at
                    LIMIT $1 FOR UPDATE SKIP LOCKED
                )
                RETURNING id, flight_id, booking_id, channel, payload, attempts
                """,
                limit,
            )


async def mark(ids: Sequence[int], status: str) -> None:
    await pg.execute(
        "UPDATE notification_outbox SET status = $2, sent_at = CASE WHEN $2 = 'SENT' THEN now() END WHERE id = ANY($1::bigint[])",
        list(ids), status,
    )


async def record_delay(flight_id: int, delay_min: int, reason: str | None) -> None:
    await pg.execute(
        "INSERT INTO delay_events (flight_id, delay_min, reason_code) VALUES ($1, $2, $3)",
        flight_id, delay_min, reason,
    )


async def pending_delays(limit: int = 50) -> list[asyncpg.Record]:
    conn = await pg.pool().acquire()
    rows = await conn.fetch(
        "SELECT id, flight_id, delay_min, reason_code FROM delay_events "
        "WHERE notified = false ORDER BY recorded_at LIMIT $1",
        limit,
    )
    await pg.pool().release(conn)
    return rows


async def mark_delays_notified(ids: Sequence[int]) -> None:
    await pg.execute("UPDATE delay_events SET notified = true WHERE id = ANY($1::bigint[])", list(ids))


async def store_partner_callback(partner: str, external_ref: str, body: dict[str, Any]) -> None:
    await pg.execute(
        "INSERT INTO partner_callbacks (partner, external_ref, body) VALUES ($1, $2, $3::jsonb)",
        partner, external_ref, json.dumps(body),
    )
