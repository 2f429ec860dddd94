from __future__ import annotations

from datetime import datetime

import asyncpg

from fieldwise.db.pg import PgPool


class AlertRepository:
    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def insert(self, farm_id: int, field_id: int | None, kind: str, severity: str,
                     message: str, dedupe_key: str) -> int | None:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                """
                INSERT INTO alerts (farm_id, field_id, kind, severity, message, dedupe_key)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (dedupe_key) DO NOTHING
                RETURNING id
                """,
                farm_id, field_id, kind, severity, message, dedupe_key,
            )

    async def recent_for_farm(self, farm_id: int, since: datetime, limit: int = 100) -> list[asyncpg.Record]:
        async with self._pg.connection() as conn:
            return await conn.fetch(
                "SELECT id, field_id, kind, severity, message, created_at FROM alerts "
                "WHERE farm_id = $1 AND created_at >= $2 ORDER BY created_at DESC LIMIT $3",
                farm_id, since, limit,
            )

    async def search_messages(self, farm_id: int, term: str) -> list[asyncpg.Record]:
        async with self._pg.connection() as conn:
            return await conn.fetch(
                "SELECT id, kind, message, created_at FROM alerts "
                "WHERE farm_id = $1 AND message ILIKE '%' || $2 || '%' ORDER BY created_at DESC",
                farm_id, term,
            )
