from __future__ import annotations

import json
from typing import Any

import asyncpg

from lifeline.utils.clock import utcnow


class AuditLog:
    """Append-only audit trail required for traceability of every bag."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, actor: str, action: str, subject: str, detail: dict[str, Any] | None = None) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)",
                utcnow(),
                actor,
                action,
                subject,
                json.dumps(detail or {}),
            )
