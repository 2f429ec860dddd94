from __future__ import annotations

from datetime import datetime

import asyncpg


class TicketRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self.pool = pool
        self.acquire_timeout = acquire_timeout

    async def upsert(self, ticket_no: str, depot_id: str, truck_id: str, gross_kg: int, tare_kg: int,
                     tier: str, weighed_at: datetime) -> None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            await conn.execute(
                "INSERT INTO weigh_tickets (ticket_no, depot_id, truck_id, gross_kg, tare_kg, tier, weighed_at) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7) "
                "ON CONFLICT (ticket_no) DO UPDATE SET gross_kg = EXCLUDED.gross_kg, tare_kg = EXCLUDED.tare_kg",
                ticket_no, depot_id, truck_id, gross_kg, tare_kg, tier, weighed_at,
            )

    async def total_for_depot(self, depot_id: str, start: datetime, end: datetime) -> int:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetchval(
                "SELECT coalesce(sum(gross_kg - tare_kg), 0) FROM weigh_tickets "
                "WHERE depot_id = $1 AND weighed_at >= $2 AND weighed_at < $3",
                depot_id, start, end,
            )

    async def truck_by_registration(self, registration: str) -> asyncpg.Record | None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetchrow("SELECT id, depot_id FROM trucks WHERE registration = $1", registration)
