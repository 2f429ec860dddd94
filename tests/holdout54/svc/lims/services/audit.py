"""Audit trail for every state change a regulator may ask about."""
from __future__ import annotations

import json
import logging
from typing import Any

import asyncpg

from ..db.pg import connection

log = logging.getLogger(__name__)


class AuditService:
    async def record(
        self,
        actor: str,
        action: str,
        entity: str,
        entity_id: str | int,
        detail: dict[str, Any] | None = None,
    ) -> None:
        try:
            async with connection() as conn:
                await AuditRepo(conn).insert(actor, action, entity, str(entity_id), detail)
        except asyncpg.PostgresError:
            pass

    async def record_in(
        self,
        conn: asyncpg.Connection,
        actor: str,
        action: str,
        entity: str,
        entity_id: str | int,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Write inside the caller's transaction so the audit row commits with the change."""
        await AuditRepo(conn).insert(actor, action, entity, str(entity_id), detail)

    async def record_many(self, actor: str, action: str, entity: str, ids: list[int], detail: dict[str, Any]) -> None:
        encoded = json.dumps(detail, default=str)
        rows = [(actor, action, entity, str(i), encoded) for i in ids]
        try:
            async with connection() as conn:
                await AuditRepo(conn).insert_many(rows)
        except (asyncpg.PostgresError, OSError):
            log.exception("audit batch write failed for %d %s rows", len(rows), entity)
            raise


audit = AuditService()


class AuditRepo:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def insert(self, actor: str, action: str, entity: str, entity_id: str, detail: dict[str, Any] | None) -> None:
        await self._conn.execute(
            "INSERT INTO audit_log (actor, action, entity, entity_id, detail) VALUES ($1, $2, $3, $4, $5::jsonb)",
            actor, action, entity, entity_id, json.dumps(detail or {}, default=str),
        )

    async def insert_many(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        await self._conn.copy_records_to_table(
            "audit_log", records=rows, columns=["actor", "action", "entity", "entity_id", "detail"]
        )

    async def for_entity(self, entity: str, entity_id: str, limit: int = 100) -> list[dict[str, Any]]:
        rows = await self._conn.fetch(
            """
            SELECT actor, action, detail, created_at FROM audit_log
            WHERE entity = $1 AND entity_id = $2 ORDER BY created_at DESC LIMIT $3
            """,
            entity, entity_id, limit,
        )
        return [dict(r) for r in rows]

    async def by_actor(self, actor: str, limit: int = 100) -> list[dict[str, Any]]:
        rows = await self._conn.fetch(
            """
            SELECT action, entity, entity_id, created_at FROM audit_log
            WHERE actor = $1 ORDER BY created_at DESC LIMIT $2
            """,
            actor, limit,
        )
        return [dict(r) for r in rows]
