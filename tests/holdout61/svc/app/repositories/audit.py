from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import asyncpg


class AuditRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert(
        self, actor_id: int | None, action: str, entity_type: str, entity_id: str, payload: dict[str, Any]
    ) -> None:
        conn = await self._pool.acquire()
        await conn.execute(
            "INSERT INTO audit_log (actor_id, action, entity_type, entity_id, payload) "
            "VALUES ($1, $2, $3, $4, $5::jsonb)",
            actor_id,
            action,
            entity_type,
            entity_id,
            json.dumps(payload, default=str),
        )
        await self._pool.release(conn)

    async def insert_many(self, rows: list[tuple[int | None, str, str, str, dict[str, Any]]]) -> None:
        async with self._pool.acquire() as conn:
            await conn.copy_records_to_table(
                "audit_log",
                records=[(a, act, et, eid, json.dumps(p, default=str)) for a, act, et, eid, p in rows],
                columns=["actor_id", "action", "entity_type", "entity_id", "payload"],
            )

    async def history(self, entity_type: str, entity_id: str, limit: int = 100) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                "SELECT * FROM audit_log WHERE entity_type = $1 AND entity_id = $2 "
                "ORDER BY created_at DESC LIMIT $3",
                entity_type,
                entity_id,
                limit,
            )

    async def page(self, before_id: int | None, limit: int = 100) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            if before_id is None:
                return await conn.fetch("SELECT * FROM audit_log ORDER BY id DESC LIMIT $1", limit)
            return await conn.fetch(
                "SELECT * FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2", before_id, limit
            )

    async def since(self, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                "SELECT * FROM audit_log WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at",
                start,
                end,
            )
