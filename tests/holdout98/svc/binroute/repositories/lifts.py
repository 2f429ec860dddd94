from __future__ import annotations

from datetime import date, datetime

import asyncpg


class LiftRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self.pool = pool
        self.acquire_timeout = acquire_timeout

    async def record(self, truck_id: str, rfid_tag: str, bin_id: str | None, customer_id: int | None,
                     weight_kg: float | None, lifted_at: datetime) -> None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            await conn.execute(
                "INSERT INTO lift_events (truck_id, rfid_tag, bin_id, customer_id, weight_kg, lifted_at) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                truck_id, rfid_tag, bin_id, customer_id, weight_kg, lifted_at,
            )

    async def unmatched_for_tag(self, rfid_tag: str, since: datetime) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, truck_id, lifted_at FROM lift_events "
                "WHERE rfid_tag = $1 AND bin_id IS NULL AND lifted_at >= $2",
                rfid_tag, since,
            )

    async def count_for_customer(self, customer_id: int, start: date, end: date) -> int:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM lift_events WHERE customer_id = $1 AND lifted_at >= $2 AND lifted_at < $3",
                customer_id, start, end,
            )

    async def counts_for_customers(self, customer_ids: list[int], start: date, end: date) -> dict[int, int]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT customer_id, count(*) AS n FROM lift_events "
                "WHERE customer_id = ANY($1::bigint[]) AND lifted_at >= $2 AND lifted_at < $3 "
                "GROUP BY customer_id",
                customer_ids, start, end,
            )
        return {r["customer_id"]: r["n"] for r in rows}
