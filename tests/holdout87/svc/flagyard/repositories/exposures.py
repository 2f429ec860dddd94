from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

import asyncpg

from ..db.pg import connection

_INSERT_EXPOSURE = """
INSERT INTO exposures (experiment_id, variant, user_key, occurred_at, event_id)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (event_id) DO NOTHING
"""

_INSERT_CONVERSION = """
INSERT INTO conversions (experiment_id, user_key, metric_key, value, occurred_at, event_id)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (event_id) DO NOTHING
"""


class ExposureRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_exposures(self, rows: Sequence[tuple]) -> None:
        async with connection(self._pool) as conn:
            async with conn.transaction():
                await conn.executemany(_INSERT_EXPOSURE, rows)

    async def insert_conversions(self, rows: Sequence[tuple]) -> None:
        conn = await self._pool.acquire(timeout=5)
        await conn.executemany(_INSERT_CONVERSION, rows)
        await self._pool.release(conn)

    async def variant_counts(self, experiment_id: uuid.UUID) -> dict[str, int]:
        async with connection(self._pool) as conn:
            rows = await conn.fetch(
                "SELECT variant, count(DISTINCT user_key) AS n FROM exposures WHERE experiment_id = $1 GROUP BY variant",
                experiment_id,
            )
        return {row["variant"]: row["n"] for row in rows}

    async def exposures_for(self, experiment_id: uuid.UUID, after_id: int, limit: int) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT id, variant, user_key FROM exposures WHERE experiment_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                experiment_id,
                after_id,
                limit,
            )

    async def conversions_for(self, experiment_id: uuid.UUID, metric_key: str) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT user_key, value FROM conversions WHERE experiment_id = $1 AND metric_key = $2",
                experiment_id,
                metric_key,
            )

    async def converted_pairs(self, experiment_id: uuid.UUID, metric_key: str) -> list[tuple[str, str]]:
        async with connection(self._pool) as conn:
            rows = await conn.fetch(
                """
                SELECT DISTINCT a.variant, c.user_key
                FROM conversions c
                JOIN assignments a ON a.experiment_id = c.experiment_id AND a.user_key = c.user_key
                WHERE c.experiment_id = $1 AND c.metric_key = $2
                """,
                experiment_id,
                metric_key,
            )
        return [(row["variant"], row["user_key"]) for row in rows]

    async def daily_exposures(self, experiment_id: uuid.UUID, day: date) -> int:
        async with connection(self._pool) as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM exposures WHERE experiment_id = $1 AND date_trunc('day', occurred_at) = $2",
                experiment_id,
                day,
            )

    async def erase_user(self, user_key: str) -> int:
        async with connection(self._pool) as conn:
            async with conn.transaction():
                deleted = await conn.execute("DELETE FROM exposures WHERE user_key = $1", user_key)
                await conn.execute(
                    "DELETE FROM conversions WHERE experiment_id = ANY($1::uuid[]) AND user_key = $2",
                    await self._experiments_of(conn, user_key),
                    user_key,
                )
        return int(deleted.split()[-1])

    async def _experiments_of(self, conn: asyncpg.Connection, user_key: str) -> list[uuid.UUID]:
        rows = await conn.fetch(
            "SELECT DISTINCT experiment_id FROM assignments WHERE user_key = $1", user_key
        )
        return [row["experiment_id"] for row in rows]

    async def results_for(self, experiment_id: uuid.UUID) -> list[dict]:
        async with connection(self._pool) as conn:
            rows = await conn.fetch(
                "SELECT variant, exposures, conversions, rate, computed_at FROM experiment_results WHERE experiment_id = $1",
                experiment_id,
            )
        return [dict(row) for row in rows]

    async def store_results(self, experiment_id: uuid.UUID, results: Sequence[tuple]) -> None:
        async with connection(self._pool) as conn:
            await conn.executemany(
                """
                INSERT INTO experiment_results (experiment_id, variant, exposures, conversions, rate, computed_at)
                VALUES ($1, $2, $3, $4, $5, now())
                ON CONFLICT (experiment_id, variant)
                DO UPDATE SET exposures = EXCLUDED.exposures, conversions = EXCLUDED.conversions,
                              rate = EXCLUDED.rate, computed_at = EXCLUDED.computed_at
                """,
                [(experiment_id, *row) for row in results],
            )
