"""Append-only audit trail."""

from __future__ import annotations

import json

import asyncpg


class AuditLog:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def record(self, kind: str, subject_id: int, payload: dict | None = None) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                "INSERT INTO audit_events (kind, subject_id, payload) VALUES ($1, $2, $3::jsonb)",
                kind,
                subject_id,
                json.dumps(payload or {}),
            )
