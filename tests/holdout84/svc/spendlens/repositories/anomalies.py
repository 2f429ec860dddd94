from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import asyncpg

from ..services.anomaly_types import DetectedAnomaly


class AnomalyRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_many(self, tenant_id: int, anomalies: Sequence[DetectedAnomaly]) -> int:
        if not anomalies:
            return 0
        conn = await self._pool.acquire(timeout=5)
        await conn.executemany(
            """
            INSERT INTO anomalies (tenant_id, account_id, service, day, observed, expected, zscore)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            [
                (tenant_id, a.account_id, a.service, a.day, a.observed, a.expected, a.zscore)
                for a in anomalies
            ],
        )
        await self._pool.release(conn)
        return len(anomalies)

    async def list_open(self, tenant_id: int, since: date, limit: int = 200) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                """
                SELECT id, account_id, service, day, observed, expected, zscore
                  FROM anomalies
                 WHERE tenant_id = $1 AND status = 'open' AND day >= $2
                 ORDER BY day DESC
                 LIMIT $3
                """,
                tenant_id,
                since,
                limit,
            )

    async def acknowledge(self, tenant_id: int, anomaly_id: int) -> bool:
        async with self._pool.acquire(timeout=5) as conn:
            updated = await conn.fetchval(
                "UPDATE anomalies SET status = 'acknowledged' WHERE id = $1 AND tenant_id = $2 RETURNING id",
                anomaly_id,
                tenant_id,
            )
            return updated is not None
