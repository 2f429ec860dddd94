"""Audit trail: append-only events written through asyncpg."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import asyncpg

from ..db.pg import pool

log = logging.getLogger(__name__)

_pending: set[asyncio.Task[None]] = set()


async def record(actor: str, action: str, subject_type: str, subject_id: Any, **payload: Any) -> None:
    actor_type, _, actor_id = actor.partition(":")
    try:
        await insert_event(actor_type, actor_id, action, subject_type, str(subject_id), payload)
    except asyncpg.PostgresError:
        log.exception("audit write failed for %s %s/%s", action, subject_type, subject_id)
        raise


def record_in_background(actor: str, action: str, subject_type: str, subject_id: Any, **payload: Any) -> None:
    """For non-critical telemetry-style events that must not slow the request."""
    task = asyncio.create_task(record(actor, action, subject_type, subject_id, **payload))
    _pending.add(task)
    task.add_done_callback(_pending.discard)


async def drain(timeout: float = 5.0) -> None:
    if _pending:
        await asyncio.wait(list(_pending), timeout=timeout)


async def insert_event(actor_type: str, actor_id: str, action: str, subject_type: str, subject_id: str, payload: dict[str, Any]) -> None:
    async with pool().acquire() as conn:
        await conn.execute(
            "INSERT INTO audit_events (actor_type, actor_id, action, subject_type, subject_id, payload) VALUES ($1, $2, $3, $4, $5, $6)",
            actor_type,
            actor_id,
            action,
            subject_type,
            subject_id,
            json.dumps(payload, default=str),
        )


async def events_for_subject(subject_type: str, subject_id: str, limit: int = 200) -> list[dict[str, Any]]:
    async with pool().acquire() as conn:
        rows = await conn.fetch(
            "SELECT * FROM audit_events WHERE subject_type = $1 AND subject_id = $2 ORDER BY id DESC LIMIT $3",
            subject_type,
            subject_id,
            limit,
        )
    return [dict(r) for r in rows]


async def events_between(start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    conn = await pool().acquire()
    rows = await conn.fetch("SELECT * FROM audit_events WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at", start, end)
    await pool().release(conn)
    return [dict(r) for r in rows]


async def stream_events_after(last_id: int, batch: int = 5000) -> AsyncIterator[list[dict[str, Any]]]:
    async with pool().acquire() as conn:
        while True:
            rows = await conn.fetch("SELECT * FROM audit_events WHERE id > $1 ORDER BY id LIMIT $2", last_id, batch)
            if not rows:
                return
            last_id = rows[-1]["id"]
            yield [dict(r) for r in rows]
