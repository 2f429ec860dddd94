from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import asyncpg

from svc.config import settings


@dataclass
class AuditRecord:
    workspace_id: int
    actor_id: int | None
    action: str
    target: str = ""
    payload: dict[str, Any] = field(default_factory=dict)


class AuditRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def append(self, record: AuditRecord) -> None:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            await conn.execute(
                "INSERT INTO audit_log (workspace_id, actor_id, action, target, payload) "
                "VALUES ($1, $2, $3, $4, $5)",
                record.workspace_id,
                record.actor_id,
                record.action,
                record.target,
                record.payload,
            )

    async def append_many(self, records: list[AuditRecord]) -> None:
        if not records:
            return
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            await conn.executemany(
                "INSERT INTO audit_log (workspace_id, actor_id, action, target, payload) "
                "VALUES ($1, $2, $3, $4, $5)",
                [(r.workspace_id, r.actor_id, r.action, r.target, r.payload) for r in records],
            )

    async def recent(self, workspace_id: int, since: datetime, limit: int = 200) -> list[dict[str, Any]]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT id, actor_id, action, target, payload, created_at FROM audit_log "
                "WHERE workspace_id = $1 AND created_at >= $2 ORDER BY created_at DESC LIMIT $3",
                workspace_id,
                since,
                limit,
            )
        return [dict(r) for r in rows]
