from __future__ import annotations

from datetime import date, datetime

import asyncpg


class ReportingRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def covers_by_hour(self, restaurant_id: int, start: datetime, end: datetime) -> list[dict]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT date_trunc('hour', starts_at) AS hour, sum(party_size) AS covers, count(*) AS bookings "
                "FROM bookings WHERE restaurant_id = $1 AND starts_at >= $2 AND starts_at < $3 "
                "AND status <> 'cancelled' GROUP BY 1 ORDER BY 1",
                restaurant_id, start, end,
            )
        return [dict(r) for r in rows]

    async def no_shows_on(self, day: date, tz_name: str) -> list[dict]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT id, restaurant_id, guest_id, party_size, starts_at FROM bookings "
                "WHERE status = 'no_show' AND (starts_at AT TIME ZONE $2)::date = $1",
                day, tz_name,
            )
        return [dict(r) for r in rows]

    async def export_rows(self, restaurant_id: int, start: datetime, end: datetime) -> list[dict]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT id, restaurant_id, guest_id, party_size, starts_at, status, channel FROM bookings "
                "WHERE restaurant_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at",
                restaurant_id, start, end,
            )
        return [dict(r) for r in rows]
