"""Metrology measurements (asyncpg)."""
from __future__ import annotations

import uuid
from collections.abc import Sequence

import asyncpg

from fabline.core.pg import acquire_conn, release_conn

COLUMNS = ("upload_id", "lot_id", "wafer_id", "parameter", "site", "value")


class YieldRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def insert_measurements(self, upload_id: uuid.UUID, rows: Sequence[tuple]) -> int:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                await conn.copy_records_to_table(
                    "measurements",
                    records=[(upload_id, *r) for r in rows],
                    columns=list(COLUMNS),
                )
        return len(rows)

    async def wafer_measurements(self, wafer_id: int) -> list[asyncpg.Record]:
        conn = await acquire_conn()
        rows = await conn.fetch(
            "SELECT parameter, site, value FROM measurements "
            "WHERE wafer_id = $1 ORDER BY parameter, site",
            wafer_id,
        )
        await release_conn(conn)
        return rows

    async def lot_summary(self, lot_id: int) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT parameter, count(*) AS n, avg(value) AS mean, stddev_samp(value) AS sd "
                "FROM measurements WHERE lot_id = $1 GROUP BY parameter",
                lot_id,
            )

    async def count_for_lot(self, lot_id: int) -> int:
        async with self.pool.acquire() as conn:
            return await conn.fetchval("SELECT count(*) FROM measurements WHERE lot_id = $1", lot_id)

    async def lot_parameter_values(self, lot_id: int, parameter: str) -> list[float]:
        async with self.pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT value FROM measurements WHERE lot_id = $1 AND parameter = $2",
                lot_id, parameter,
            )
        return [r["value"] for r in rows]
