"""Payout rows, via raw asyncpg (the worker runs outside the ORM session scope)."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg


@dataclass(slots=True)
class PayoutRow:
    id: int
    driver_id: int
    amount_cents: int
    attempts: int
    bank_reference: str | None = None


class PayoutRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def claim_batch(self, limit: int) -> list[PayoutRow]:
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                rows = await conn.fetch(
                    """
                    SELECT id, driver_id, amount_cents, attempts
                    FROM payouts
                    WHERE status = 'pending'
                    ORDER BY created_at
                    LIMIT $1
                    FOR UPDATE SKIP LOCKED
                    """,
                    limit,
                )
                ids = [r["id"] for r in rows]
                await conn.execute(
                    "UPDATE payouts SET status = 'processing', attempts = attempts + 1 WHERE id = ANY($1::bigint[])",
                    ids,
                )
        return [PayoutRow(**dict(r)) for r in rows]

    async def mark(self, payout_id: int, status: str, bank_reference: str | None = None) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE payouts SET status = $2, bank_reference = COALESCE($3, bank_reference) WHERE id = $1",
                payout_id,
                status,
                bank_reference,
            )

    async def pending_for_driver(self, driver_id: int) -> list[PayoutRow]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT id, driver_id, amount_cents, attempts FROM payouts WHERE driver_id = $1 AND status = 'pending'",
                driver_id,
            )
        return [PayoutRow(**dict(r)) for r in rows]

    async def in_flight(self, limit: int = 100) -> list[PayoutRow]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                """
                SELECT id, driver_id, amount_cents, attempts, bank_reference
                FROM payouts WHERE status = 'sent' ORDER BY created_at LIMIT $1
                """,
                limit,
            )
        return [PayoutRow(**dict(r)) for r in rows]

    async def create(self, driver_id: int, amount_cents: int) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval(
                "INSERT INTO payouts (driver_id, amount_cents) VALUES ($1, $2) RETURNING id",
                driver_id,
                amount_cents,
            )

    async def sweep_balance(self, driver_id: int, min_cents: int) -> int | None:
        """Move a driver's whole balance into a pending payout, atomically."""
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                amount = await conn.fetchval(
                    """
                    WITH old AS (SELECT balance_cents FROM drivers WHERE id = $1 AND balance_cents >= $2 FOR UPDATE)
                    UPDATE drivers AS d SET balance_cents = 0 FROM old WHERE d.id = $1
                    RETURNING old.balance_cents
                    """,
                    driver_id,
                    min_cents,
                )
                if amount is None:
                    return None
                return await conn.fetchval(
                    "INSERT INTO payouts (driver_id, amount_cents) VALUES ($1, $2) RETURNING id",
                    driver_id,
                    amount,
                )

    async def drivers_with_balance(self, min_cents: int, limit: int = 1000) -> list[int]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT id FROM drivers WHERE balance_cents >= $1 ORDER BY id LIMIT $2", min_cents, limit
            )
        return [r["id"] for r in rows]
