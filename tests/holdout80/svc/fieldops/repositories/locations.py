from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import asyncpg

LATEST_POSITIONS = """
SELECT DISTINCT ON (l.technician_id) l.technician_id, l.lat, l.lng, l.recorded_at
FROM technician_locations l
JOIN technicians t ON t.id = l.technician_id
WHERE t.account_id = $1 AND l.recorded_at > $2
ORDER BY l.technician_id, l.recorded_at DESC
"""


class LocationRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_batch(self, rows: Sequence[tuple[int, float, float, datetime]]) -> None:
        async with self._pool.acquire() as conn:
            await conn.copy_records_to_table(
                "technician_locations",
                records=rows,
                columns=["technician_id", "lat", "lng", "recorded_at"],
            )

    async def latest_positions(self, account_id: int, since: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(LATEST_POSITIONS, account_id, since)

    async def trail(self, technician_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT lat, lng, recorded_at FROM technician_locations "
                "WHERE technician_id = $1 AND recorded_at BETWEEN $2 AND $3 ORDER BY recorded_at",
                technician_id,
                start,
                end,
            )
