from __future__ import annotations

from datetime import date

import asyncpg


class TimeLogsRepository:
    """Raw asyncpg access for the hot time-tracking ingest path."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def insert_batch(self, batch_id: str, contract_id: int, freelancer_id: int, meta: dict) -> None:
        async with self.pool.acquire(timeout=10) as conn:
            async with conn.transaction():
                await conn.execute(
                    """
                    INSERT INTO screenshot_batches (id, contract_id, freelancer_id, started_at, ended_at, frame_count, archive_key)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (id) DO NOTHING
                    """,
                    batch_id, contract_id, freelancer_id, meta["started_at"], meta["ended_at"],
                    meta["frame_count"], meta["archive_key"],
                )
                await conn.execute(
                    """
                    INSERT INTO time_entries (contract_id, batch_id, work_day, minutes, activity_pct)
                    VALUES ($1, $2, $3, $4, $5)
                    """,
                    contract_id, batch_id, meta["started_at"], meta["minutes"], meta["activity_pct"],
                )

    async def minutes_by_day(self, contract_id: int, start: date, end: date) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                """
                SELECT date_trunc('day', work_day) AS day, sum(minutes) AS minutes
                FROM time_entries
                WHERE contract_id = $1 AND work_day >= $2 AND work_day < $3
                GROUP BY 1 ORDER BY 1
                """,
                contract_id, start, end,
            )

    async def weekly_totals(self, contract_ids: list[int]) -> dict[int, int]:
        async with self.pool.acquire(timeout=3) as conn:
            rows = await conn.fetch(
                """
                SELECT contract_id, sum(minutes) AS minutes FROM time_entries
                WHERE contract_id = ANY($1::bigint[]) AND work_day >= now() - interval '7 days'
                GROUP BY contract_id
                """,
                contract_ids,
            )
        return {r["contract_id"]: r["minutes"] for r in rows}
