"""Raw SQL access to metered usage."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from svc.db.pool import Database


@dataclass(frozen=True, slots=True)
class UsageRecord:
    tenant_id: int
    meter: str
    quantity: float
    occurred_at: datetime
    idempotency_key: str
    external_id: str | None = None


class UsageRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def insert_batch(self, events: Sequence[UsageRecord]) -> None:
        rows = [(e.tenant_id, e.meter, e.quantity, e.occurred_at, e.idempotency_key, e.external_id) for e in events]
        async with self._db.connection() as conn:
            await conn.executemany(
                "INSERT INTO usage_events (tenant_id, meter, quantity, occurred_at, idempotency_key, external_id) "
                "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, idempotency_key) DO NOTHING",
                rows,
            )

    async def find_by_external_id(self, external_id: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(
                "SELECT id, tenant_id, meter, quantity, occurred_at FROM usage_events WHERE external_id = $1",
                external_id,
            )

    async def totals_for_period(self, tenant_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT meter, SUM(quantity) AS total FROM usage_events "
                "WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY meter",
                tenant_id,
                start,
                end,
            )

    async def recent(self, tenant_id: int, after_id: int, limit: int = 200) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT id, meter, quantity, occurred_at FROM usage_events "
                "WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                tenant_id,
                after_id,
                limit,
            )

    async def export_rows(self, tenant_id: int) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch("SELECT * FROM usage_events WHERE tenant_id = $1", tenant_id)
