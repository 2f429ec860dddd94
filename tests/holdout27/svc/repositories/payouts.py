"""Payout ledger (asyncpg)."""

from __future__ import annotations

import asyncpg

from svc.db.connections import PgRepository


class PayoutsRepository(PgRepository):
    async def exists_for_claim(self, claim_id: int) -> bool:
        async with self.acquire() as conn:
            return bool(await conn.fetchval("SELECT 1 FROM payouts WHERE claim_id = $1 AND status <> 'void' LIMIT 1", claim_id))

    async def create(self, claim_id: int, amount_cents: int, idempotency_key: str, currency: str = "GBP") -> int:
        async with self.acquire() as conn:
            return await conn.fetchval(
                "INSERT INTO payouts (claim_id, amount_cents, currency, status, idempotency_key) VALUES ($1, $2, $3, 'approved', $4) RETURNING id",
                claim_id, amount_cents, currency, idempotency_key,
            )

    async def create_idempotent(self, claim_id: int, amount_cents: int, idempotency_key: str) -> int | None:
        async with self.acquire() as conn:
            return await conn.fetchval(
                """
                INSERT INTO payouts (claim_id, amount_cents, status, idempotency_key)
                VALUES ($1, $2, 'approved', $3)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id
                """,
                claim_id, amount_cents, idempotency_key,
            )

    async def pending(self) -> list[asyncpg.Record]:
        async with self.acquire() as conn:
            return await conn.fetch(
                "SELECT id, claim_id, amount_cents, currency, idempotency_key FROM payouts WHERE status = 'approved' ORDER BY id"
            )

    async def record_batch(self, batch_id: str, payout_ids: list[int]) -> None:
        conn = await self._pool.acquire(timeout=self._acquire_timeout)
        await conn.execute(
            "UPDATE payouts SET batch_id = $1, status = 'submitted' WHERE id = ANY($2::bigint[]) AND status = 'approved'",
            batch_id, payout_ids,
        )
        await self._pool.release(conn)

    async def by_batch(self, batch_id: str) -> list[asyncpg.Record]:
        async with self.acquire() as conn:
            return await conn.fetch("SELECT id, claim_id, amount_cents, status, gateway_ref FROM payouts WHERE batch_id = $1", batch_id)

    async def mark_paid_many(self, results: list[tuple[int, str]]) -> None:
        async with self.acquire() as conn:
            await conn.executemany(
                "UPDATE payouts SET status = 'paid', gateway_ref = $2, paid_at = now() WHERE id = $1",
                results,
            )

    async def apply_gateway_status(self, conn: asyncpg.Connection, gateway_ref: str, status: str) -> bool:
        row = await conn.fetchrow(
            "UPDATE payouts SET status = $2 WHERE gateway_ref = $1 AND status <> $2 RETURNING id",
            gateway_ref, status,
        )
        return row is not None

    async def total_paid_for_claim(self, claim_id: int) -> int:
        async with self.acquire() as conn:
            return await conn.fetchval(
                "SELECT coalesce(sum(amount_cents), 0) FROM payouts WHERE claim_id = $1 AND status = 'paid'",
                claim_id,
            )
