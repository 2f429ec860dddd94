"""Raw SQL for the loss-reserve and operations reports (asyncpg)."""
from __future__ import annotations

import logging
from datetime import date

import asyncpg

from svc.config import Settings

log = logging.getLogger(__name__)

RESERVE_SUMMARY_SQL = """
SELECT c.id, c.claim_number, c.loss_type, c.region, c.status, c.loss_date,
       COALESCE(SUM(r.amount), 0) AS case_reserve,
       COALESCE(SUM(r.paid_to_date), 0) AS paid
FROM claims c
LEFT JOIN reserves r ON r.claim_id = c.id
WHERE c.reported_at < $1::date + 1
GROUP BY c.id
ORDER BY c.id
"""

PAID_BY_CLAIM_SQL = """
SELECT claim_id, SUM(amount) AS paid
FROM ledger_entries
WHERE entry_type = 'payment' AND claim_id = ANY($1::int[])
GROUP BY claim_id
"""

LAST_MOVEMENT_SQL = """
SELECT MAX(created_at) FROM ledger_entries WHERE claim_id = $1
"""

ADJUSTER_WORKLOAD_SQL = """
SELECT a.id, a.name, a.region, a.capacity, a.open_claims,
       COUNT(c.id) FILTER (WHERE c.sla_due_at < now()) AS overdue
FROM adjusters a
LEFT JOIN claims c ON c.adjuster_id = a.id AND c.status IN ('assigned', 'investigating')
WHERE a.active
GROUP BY a.id
ORDER BY overdue DESC
"""


class ReportingPool:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._pool: asyncpg.Pool | None = None

    async def open(self) -> None:
        self._pool = await asyncpg.create_pool(
            dsn=self._settings.reporting_dsn,
            min_size=self._settings.reporting_pool_min,
            max_size=self._settings.reporting_pool_max,
            command_timeout=120,
            timeout=10,
        )
        log.info("reporting pool ready (max=%s)", self._settings.reporting_pool_max)

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("reporting pool is not open")
        return self._pool

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None


class ReportingRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def reserve_summary(self, as_of: date) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(RESERVE_SUMMARY_SQL, as_of)

    async def paid_by_claim(self, claim_ids: list[int]) -> dict[int, float]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(PAID_BY_CLAIM_SQL, claim_ids)
        return {row["claim_id"]: row["paid"] for row in rows}

    async def last_movements(self, claim_ids: list[int]) -> dict[int, object]:
        movements: dict[int, object] = {}
        async with self._pool.acquire(timeout=5) as conn:
            for claim_id in claim_ids:
                movements[claim_id] = await conn.fetchval(LAST_MOVEMENT_SQL, claim_id)
        return movements

    async def adjuster_workload(self) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(ADJUSTER_WORKLOAD_SQL)

    async def stream_ledger(self, start: date, end: date, chunk: int = 2000):
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                cursor = conn.cursor(
                    "SELECT id, claim_id, entry_type, coverage_code, amount, actor, created_at "
                    "FROM ledger_entries WHERE created_at >= $1 AND created_at < $2 ORDER BY id",
                    start,
                    end,
                    prefetch=chunk,
                )
                async for record in cursor:
                    yield record
