from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

import asyncpg

from ..db import ReadingsPool

UPSERT_LAST_SEEN = """
INSERT INTO meter_last_seen (meter_id, seen_at, feeder_id)
SELECT m, s, f FROM unnest($1::bigint[], $2::timestamptz[], $3::text[]) AS t(m, s, f)
ON CONFLICT (meter_id) DO UPDATE SET seen_at = GREATEST(meter_last_seen.seen_at, EXCLUDED.seen_at)
"""


class ReadingsRepository:
    """asyncpg access to meter_readings / meter_last_seen."""

    def __init__(self, pool: ReadingsPool) -> None:
        self._pool = pool

    async def insert_batch(self, rows: Sequence[tuple[int, datetime, int, Decimal, str, str]]) -> int:
        conn = await self._pool.pool.acquire(timeout=5)
        tx = conn.transaction()
        await tx.start()
        await conn.execute("CREATE TEMP TABLE IF NOT EXISTS _stage (LIKE meter_readings) ON COMMIT DROP")
        await conn.copy_records_to_table(
            "_stage", records=rows, columns=["meter_id", "read_at", "register", "value", "quality", "source"]
        )
        status = await conn.execute(
            "INSERT INTO meter_readings SELECT * FROM _stage ON CONFLICT (meter_id, read_at, register) DO NOTHING"
        )
        await tx.commit()
        await self._pool.pool.release(conn)
        return int(status.split()[-1])

    async def touch_last_seen(self, items: Sequence[tuple[int, datetime, str]]) -> None:
        if not items:
            return
        meter_ids, seen, feeders = zip(*items)
        async with self._pool.connection() as conn:
            await conn.execute(UPSERT_LAST_SEEN, list(meter_ids), list(seen), list(feeders))

    async def usage_between(self, meter_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.connection() as conn:
            return await conn.fetch(
                "SELECT read_at, value FROM meter_readings "
                "WHERE meter_id = $1 AND register = 1 AND read_at >= $2 AND read_at < $3 ORDER BY read_at",
                meter_id,
                start,
                end,
            )

    async def consumption_for_meters(
        self, meter_ids: Sequence[int], start: datetime, end: datetime
    ) -> dict[int, Decimal]:
        """max(value) - min(value) per meter over the window, one round trip."""
        async with self._pool.connection() as conn:
            rows = await conn.fetch(
                "SELECT meter_id, max(value) - min(value) AS used FROM meter_readings "
                "WHERE meter_id = ANY($1::bigint[]) AND register = 1 AND read_at >= $2 AND read_at < $3 "
                "GROUP BY meter_id",
                list(meter_ids),
                start,
                end,
            )
        return {r["meter_id"]: r["used"] for r in rows}

    async def silent_since(self, cutoff: datetime) -> list[asyncpg.Record]:
        async with self._pool.connection() as conn:
            return await conn.fetch(
                "SELECT meter_id, feeder_id, seen_at FROM meter_last_seen WHERE seen_at < $1", cutoff
            )

    async def feeder_population(self) -> dict[str, int]:
        async with self._pool.connection() as conn:
            rows = await conn.fetch("SELECT feeder_id, count(*) AS n FROM meter_last_seen GROUP BY feeder_id")
        return {r["feeder_id"]: r["n"] for r in rows}
