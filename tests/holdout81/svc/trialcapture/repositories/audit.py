from __future__ import annotations

import hashlib
from datetime import datetime

import asyncpg

from ..db.pg import PgDatabase

AUDIT_CHAIN_LOCK_KEY = 0x45444341  # "EDCA"


def chain_hash(prev_hash: str | None, body: str) -> str:
    return hashlib.sha256(((prev_hash or "") + body).encode("utf-8")).hexdigest()


class AuditRepository:
    """Append-only, hash-chained audit trail (21 CFR Part 11)."""

    def __init__(self, db: PgDatabase) -> None:
        self._db = db

    async def append(self, actor: str, action: str, entity_type: str, entity_id: str, body: str) -> str:
        async with self._db.connection() as conn:
            async with conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock($1)", AUDIT_CHAIN_LOCK_KEY)
                prev = await conn.fetchval("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1")
                digest = chain_hash(prev, body)
                await conn.execute(
                    """
                    INSERT INTO audit_events (actor, action, entity_type, entity_id, detail, prev_hash, hash, created_at)
                    VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, now())
                    """,
                    actor, action, entity_type, entity_id, body, prev, digest,
                )
        return digest

    async def history(self, entity_type: str, entity_id: str) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT actor, action, detail, created_at FROM audit_events "
            "WHERE entity_type = $1 AND entity_id = $2 ORDER BY created_at",
            entity_type, entity_id,
        )

    async def search_detail(self, needle: str, limit: int = 200) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT id, actor, action, entity_type, entity_id, created_at FROM audit_events "
            "WHERE detail::text ILIKE '%' || $1 || '%' ORDER BY id DESC LIMIT $2",
            needle, limit,
        )

    async def page(self, after_id: int, limit: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT id, actor, action, entity_type, entity_id, detail, created_at FROM audit_events "
            "WHERE id > $1 ORDER BY id LIMIT $2",
            after_id, limit,
        )

    async def since(self, start: datetime, end: datetime) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT id, actor, action, entity_type, entity_id, created_at FROM audit_events "
            "WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at",
            start, end,
        )
