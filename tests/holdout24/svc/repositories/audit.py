"""Append-only audit trail (21 CFR Part 11): who changed what, when and why."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg

from svc.db.pool import Database


class AuditRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self,
        conn: asyncpg.Connection,
        entity_type: str,
        entity_id: int,
        action: str,
        actor_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        reason: str | None = None,
    ) -> None:
        await conn.execute(
            "INSERT INTO audit_events (entity_type, entity_id, action, actor_id, reason, before, after)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7)",
            entity_type, entity_id, action, actor_id, reason, before, after,
        )

    async def record_many(self, conn: asyncpg.Connection, events: list[tuple[Any, ...]]) -> None:
        await conn.executemany(
            "INSERT INTO audit_events (entity_type, entity_id, action, actor_id, reason, before, after)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7)",
            events,
        )

    async def history(self, entity_type: str, entity_id: int, limit: int = 100) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT id, action, actor_id, reason, before, after, occurred_at FROM audit_events WHERE entity_type = $1 AND entity_id = $2 ORDER BY occurred_at DESC LIMIT $3",
                entity_type, entity_id, limit,
            )

    async def by_actor(self, actor_id: str, limit: int = 200) -> list[asyncpg.Record]:
        async with self._db.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, entity_type, entity_id, action, occurred_at FROM audit_events WHERE actor_id = $1 ORDER BY occurred_at DESC LIMIT $2",
                actor_id, limit,
            )

    async def since(self, conn: asyncpg.Connection, after_id: int, until: datetime, batch: int) -> list[asyncpg.Record]:
        return await conn.fetch(
            "SELECT id, entity_type, entity_id, action, actor_id, reason, occurred_at FROM audit_events WHERE id > $1 AND occurred_at < $2 ORDER BY id LIMIT $3",
            after_id, until, batch,
        )

    async def page(self, conn: asyncpg.Connection, offset: int, limit: int) -> list[asyncpg.Record]:
        return await conn.fetch(
            "SELECT id, entity_type, entity_id, action, actor_id, reason, before, after, occurred_at FROM audit_events ORDER BY id OFFSET $1 LIMIT $2",
            offset, limit,
        )
