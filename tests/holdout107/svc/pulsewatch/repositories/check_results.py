from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import AsyncIterator, Optional, Sequence
from uuid import UUID

import asyncpg


@dataclass(slots=True)
class CheckResult:
    monitor_id: UUID
    region: str
    ok: bool
    latency_ms: Optional[int]
    status_code: Optional[int]
    error: Optional[str]
    checked_at: datetime

    def as_tuple(self) -> tuple:
        return (
            self.monitor_id,
            self.region,
            self.ok,
            self.latency_ms,
            self.status_code,
            self.error,
            self.checked_at,
        )


@dataclass(slots=True)
class UptimeStats:
    checks: int
    failures: int
    avg_latency_ms: Optional[float]

    @property
    def uptime_pct(self) -> float:
        if self.checks == 0:
            return 100.0
        return round((self.checks - self.failures) / self.checks * 100.0, 4)


class CheckResultRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_many(self, results: Sequence[CheckResult]) -> int:
        if not results:
            return 0
        async with self._pool.acquire() as conn:
            await conn.copy_records_to_table(
                "check_results",
                records=[r.as_tuple() for r in results],
                columns=["monitor_id", "region", "ok", "latency_ms", "status_code", "error", "checked_at"],
            )
        return len(results)

    async def latest_by_region(self, monitor_id: UUID, since: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            """
            SELECT DISTINCT ON (region) region, ok, checked_at, error
              FROM check_results
             WHERE monitor_id = $1 AND checked_at >= $2
             ORDER BY region, checked_at DESC
            """,
            monitor_id,
            since,
        )

    async def history_page(self, monitor_id: UUID, page: int, per_page: int) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            """
            SELECT region, ok, latency_ms, status_code, error, checked_at
              FROM check_results
             WHERE monitor_id = $1
             ORDER BY checked_at DESC
             LIMIT $2 OFFSET $3
            """,
            monitor_id,
            per_page,
            page * per_page,
        )

    async def history_before(self, monitor_id: UUID, before: datetime, limit: int) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            """
            SELECT region, ok, latency_ms, status_code, error, checked_at
              FROM check_results
             WHERE monitor_id = $1 AND checked_at < $2
             ORDER BY checked_at DESC
             LIMIT $3
            """,
            monitor_id,
            before,
            limit,
        )

    async def uptime_for(self, monitor_id: UUID, start: datetime, end: datetime) -> UptimeStats:
        row = await self._pool.fetchrow(
            """
            SELECT count(*) AS checks,
                   count(*) FILTER (WHERE NOT ok) AS failures,
                   avg(latency_ms) AS avg_latency_ms
              FROM check_results
             WHERE monitor_id = $1 AND checked_at >= $2 AND checked_at < $3
            """,
            monitor_id,
            start,
            end,
        )
        return UptimeStats(row["checks"], row["failures"], row["avg_latency_ms"])

    async def failures_between(self, monitor_id: UUID, start: datetime, end: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            """
            SELECT region, checked_at, error
              FROM check_results
             WHERE monitor_id = $1 AND NOT ok AND checked_at >= $2 AND checked_at < $3
             ORDER BY checked_at
             LIMIT 5000
            """,
            monitor_id,
            start,
            end,
        )

    async def stream_for_export(self, monitor_id: UUID, start: datetime, end: datetime) -> AsyncIterator[asyncpg.Record]:
        conn = await self._pool.acquire()
        tx = conn.transaction()
        await tx.start()
        cursor = conn.cursor(
            """
            SELECT region, ok, latency_ms, status_code, error, checked_at
              FROM check_results
             WHERE monitor_id = $1 AND checked_at >= $2 AND checked_at < $3
             ORDER BY checked_at
            """,
            monitor_id,
            start,
            end,
        )
        async for row in cursor:
            yield row
        await tx.commit()
        await self._pool.release(conn)

    async def delete_older_than(self, cutoff: datetime, batch: int = 10_000) -> int:
        result = await self._pool.execute(
            """
            DELETE FROM check_results
             WHERE id IN (
                SELECT id FROM check_results WHERE checked_at < $1 LIMIT $2
             )
            """,
            cutoff,
            batch,
        )
        return int(result.split()[-1])
