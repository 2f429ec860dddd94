"""Earnings and payouts (asyncpg, raw SQL)."""
from __future__ import annotations

from datetime import date

import asyncpg


class PayoutRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def record_earning(self, driver_id: int, trip_id: int, amount_cents: int) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(
                "INSERT INTO driver_earnings (driver_id, trip_id, amount_cents) VALUES ($1, $2, $3)",
                driver_id,
                trip_id,
                amount_cents,
            )

    async def drivers_with_unpaid_earnings(self) -> list[int]:
        async with self.pool.acquire() as conn:
            rows = await conn.fetch("SELECT DISTINCT driver_id FROM driver_earnings WHERE payout_id IS NULL")
        return [r["driver_id"] for r in rows]

    async def unpaid_total(self, driver_id: int) -> int:
        async with self.pool.acquire() as conn:
            value = await conn.fetchval(
                "SELECT COALESCE(SUM(amount_cents), 0) FROM driver_earnings "
                "WHERE driver_id = $1 AND payout_id IS NULL",
                driver_id,
            )
        return int(value)

    async def unpaid_totals(self, driver_ids: list[int]) -> dict[int, int]:
        async with self.pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT driver_id, SUM(amount_cents) AS total FROM driver_earnings "
                "WHERE payout_id IS NULL AND driver_id = ANY($1::bigint[]) GROUP BY driver_id",
                driver_ids,
            )
        return {r["driver_id"]: int(r["total"]) for r in rows}

    async def create_payout(self, driver_id: int, amount_cents: int, scheduled_for: date) -> int:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                payout_id = await conn.fetchval(
                    "INSERT INTO payouts (driver_id, amount_cents, scheduled_for) VALUES ($1, $2, $3) RETURNING id",
                    driver_id,
                    amount_cents,
                    scheduled_for,
                )
                await conn.execute(
                    "UPDATE driver_earnings SET payout_id = $1 WHERE driver_id = $2 AND payout_id IS NULL",
                    payout_id,
                    driver_id,
                )
        return payout_id

    async def due_payouts(self, today: date, limit: int) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, driver_id, amount_cents, attempts FROM payouts "
                "WHERE status = 'pending' AND scheduled_for <= $1 ORDER BY id LIMIT $2",
                today,
                limit,
            )

    async def all_pending(self) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch("SELECT id, driver_id, amount_cents, attempts FROM payouts WHERE status = 'pending'")

    async def mark_paid(self, payout_id: int, bank_reference: str) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(
                "UPDATE payouts SET status = 'paid', bank_reference = $2, attempts = attempts + 1 WHERE id = $1",
                payout_id,
                bank_reference,
            )

    async def mark_failed(self, payout_id: int, reason: str) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(
                "UPDATE payouts SET status = 'failed', failure_reason = $2, attempts = attempts + 1 WHERE id = $1",
                payout_id,
                reason,
            )

    async def payouts_by_bank_reference(self, reference: str) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch("SELECT id, driver_id, status FROM payouts WHERE bank_reference = $1", reference)
