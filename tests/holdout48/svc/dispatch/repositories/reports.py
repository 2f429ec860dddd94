"""Reporting queries for the admin console (raw SQL)."""
from __future__ import annotations

from datetime import datetime

import asyncpg


class ReportRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def revenue_by_city(self, city: str, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                """
                SELECT date_trunc('day', created_at) AS day, count(*) AS trips, sum(fare_cents) AS revenue
                FROM trips
                WHERE city = $1 AND created_at >= $2 AND created_at < $3
                GROUP BY 1 ORDER BY 1
                """,
                city,
                start,
                end,
            )

    async def search_by_address(self, fragment: str, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, rider_id, driver_id, status, pickup_address, created_at FROM trips "
                "WHERE lower(pickup_address) LIKE '%' || lower($1) || '%' ORDER BY created_at DESC LIMIT $2",
                fragment,
                limit,
            )

    async def driver_names(self, driver_ids: list[int]) -> dict[int, str]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch("SELECT id, name FROM drivers WHERE id = ANY($1::bigint[])", driver_ids)
        return {r["id"]: r["name"] for r in rows}

    async def trips_between(self, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, rider_id, driver_id, city, fare_cents, surge_multiplier, created_at "
                "FROM trips WHERE created_at >= $1 AND created_at < $2 AND status = 'completed'",
                start,
                end,
            )

    async def driver_earnings(self, driver_id: int, start: datetime) -> int:
        conn = await self._pool.acquire(timeout=5)
        total = await conn.fetchval(
            "SELECT coalesce(sum(fare_cents), 0) FROM trips WHERE driver_id = $1 AND created_at >= $2",
            driver_id,
            start,
        )
        await self._pool.release(conn)
        return int(total)
