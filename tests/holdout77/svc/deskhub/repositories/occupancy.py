from __future__ import annotations

from datetime import date, datetime

import asyncpg

HOURLY_FOR_DAY = """
    SELECT space_id,
           date_trunc('hour', recorded_at) AS hour,
           avg(people)::numeric(6, 2)       AS avg_people,
           max(people)                      AS peak_people
      FROM occupancy_readings
     WHERE location_id = $1
       AND recorded_at::date = $2
     GROUP BY space_id, hour
     ORDER BY hour, space_id
"""

ROLLUP_HOUR = """
    INSERT INTO occupancy_hourly (location_id, space_id, hour, avg_people, peak_people, samples)
    SELECT location_id, space_id, $1::timestamptz, avg(people), max(people), count(*)
      FROM occupancy_readings
     WHERE recorded_at >= $1 AND recorded_at < $1 + interval '1 hour'
       AND space_id IS NOT NULL
     GROUP BY location_id, space_id
    ON CONFLICT (location_id, space_id, hour)
    DO UPDATE SET avg_people = EXCLUDED.avg_people,
                  peak_people = EXCLUDED.peak_people,
                  samples = EXCLUDED.samples
"""


class OccupancyStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_batch(self, rows: list[tuple[str, int, int | None, int, datetime]]) -> int:
        if not rows:
            return 0
        async with self._pool.acquire(timeout=5) as conn, conn.transaction():
            await conn.executemany(
                "INSERT INTO occupancy_readings (sensor_id, location_id, space_id, people, recorded_at) "
                "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sensor_id, recorded_at) DO NOTHING",
                rows,
            )
        return len(rows)

    async def hourly_for_day(self, location_id: int, day: date) -> list[asyncpg.Record]:
        conn = await self._pool.acquire()
        rows = await conn.fetch(HOURLY_FOR_DAY, location_id, day)
        await self._pool.release(conn)
        return rows

    async def readings_between(self, location_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT sensor_id, space_id, people, recorded_at FROM occupancy_readings "
                "WHERE location_id = $1 AND recorded_at >= $2 AND recorded_at < $3 ORDER BY recorded_at",
                location_id, start, end,
            )

    async def rollup_hour(self, hour_start: datetime) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            status = await conn.execute(ROLLUP_HOUR, hour_start)
        return int(status.rsplit(" ", 1)[-1])

    async def purge_before(self, cutoff: datetime, batch: int = 5000) -> int:
        deleted = 0
        async with self._pool.acquire(timeout=5) as conn:
            while True:
                status = await conn.execute(
                    "DELETE FROM occupancy_readings WHERE ctid IN ("
                    " SELECT ctid FROM occupancy_readings WHERE recorded_at < $1 LIMIT $2)",
                    cutoff, batch,
                )
                count = int(status.rsplit(" ", 1)[-1])
                deleted += count
                if count < batch:
                    return deleted
