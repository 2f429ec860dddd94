"""Audit trail, written with raw asyncpg for throughput."""
from __future__ import annotations

import json
import uuid

import asyncpg

from svc.schemas import AuditEvent


class AuditRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert(self, event: AuditEvent, idempotency_key: str | None = None) -> bool:
        key = idempotency_key or uuid.uuid4().hex
        async with self._pool.acquire(timeout=5) as conn:
            status = await conn.execute(
                """
                INSERT INTO audit_events (idempotency_key, entity_type, entity_id, action, actor_id, payload)
                VALUES ($1, $2, $3, $4, $5, $6::jsonb)
                ON CONFLICT (idempotency_key) DO NOTHING
                """,
                key,
                event.entity_type,
                event.entity_id,
                event.action,
                event.actor_id,
                json.dumps(event.payload),
            )
        return status.endswith(" 1")

    async def insert_many(self, events: list[AuditEvent]) -> None:
        conn = await self._pool.acquire(timeout=5)
        await conn.executemany(
            "INSERT INTO audit_events (idempotency_key, entity_type, entity_id, action, actor_id, payload)"
            " VALUES ($1, $2, $3, $4, $5, $6::jsonb)",
            [
                (uuid.uuid4().hex, e.entity_type, e.entity_id, e.action, e.actor_id, json.dumps(e.payload))
                for e in events
            ],
        )
        await self._pool.release(conn)

    async def for_entity(self, entity_type: str, entity_id: int, limit: int = 100) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=3) as conn:
            return await conn.fetch(
                """
                SELECT action, actor_id, payload, created_at
                FROM audit_events
                WHERE entity_type = $1 AND entity_id = $2
                ORDER BY created_at DESC
                LIMIT $3
                """,
                entity_type,
                entity_id,
                limit,
            )

    async def by_actor(self, actor_id: int, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                """
                SELECT entity_type, entity_id, action, created_at
                FROM audit_events
                WHERE actor_id = $1
                ORDER BY created_at DESC
                LIMIT $2
                """,
                actor_id,
                limit,
            )

    async def export_since(self, after_id: int, page_size: int = 1000) -> list[asyncpg.Record]:
        rows: list[asyncpg.Record] = []
        cursor = after_id
        async with self._pool.acquire(timeout=10) as conn:
            while True:
                page = await conn.fetch(
                    "SELECT id, entity_type, entity_id, action, created_at FROM audit_events"
                    " WHERE id > $1 ORDER BY id LIMIT $2",
                    cursor,
                    page_size,
                )
                if not page:
                    break
                rows.extend(page)
                cursor = page[-1]["id"]
                if len(rows) >= 50_000:
                    break
        return rows
