"""Usage events for billing. High write volume, so plain asyncpg."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import asyncpg

from glossa.db.pg import connection


@dataclass(slots=True)
class UsageEvent:
    org_id: int
    project_id: int | None
    meter: str
    quantity: int
    occurred_at: datetime
    idempotency_key: str | None = None


class UsageRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_events(self, events: Sequence[UsageEvent]) -> None:
        async with connection(self._pool) as conn:
            await conn.executemany(
                """
                INSERT INTO usage_events (org_id, project_id, meter, quantity, occurred_at, idempotency_key)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (idempotency_key) DO NOTHING
                """,
                [(e.org_id, e.project_id, e.meter, e.quantity, e.occurred_at, e.idempotency_key) for e in events],
            )

    async def totals_by_org(self, until: datetime) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                """
                SELECT org_id, meter, sum(quantity) AS total
                FROM usage_events
                WHERE NOT billed AND occurred_at < $1
                GROUP BY org_id, meter
                """,
                until,
            )

    async def mark_billed(self, org_id: int, until: datetime) -> None:
        async with connection(self._pool) as conn:
            await conn.execute(
                "UPDATE usage_events SET billed = true WHERE NOT billed AND occurred_at < $2 AND org_id = $1",
                org_id, until,
            )

    async def org_summary(self, org_id: int, since: datetime) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                """
                SELECT meter, sum(quantity) AS total, count(*) AS events
                FROM usage_events
                WHERE org_id = $1 AND occurred_at >= $2
                GROUP BY meter
                ORDER BY meter
                """,
                org_id, since,
            )

    async def project_month(self, project_id: int, month: date) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                """
                SELECT meter, sum(quantity) AS total
                FROM usage_events
                WHERE project_id = $1
                  AND date_trunc('month', occurred_at) = date_trunc('month', $2::timestamptz)
                GROUP BY meter
                """,
                project_id, datetime(month.year, month.month, 1),
            )
