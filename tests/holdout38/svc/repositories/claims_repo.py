from __future__ import annotations

import datetime as dt

import asyncpg


class ClaimsRepository:
    """Claims are processed in bulk by the worker, so this side talks asyncpg directly."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def next_batch(self, limit: int) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                """
                SELECT cl.id, cl.appointment_id, cl.payer_id, cl.amount_cents, cl.attempts,
                       p.member_id, p.first_name, p.last_name, c.npi, s.starts_at
                FROM claims cl
                JOIN appointments a ON a.id = cl.appointment_id
                JOIN patients p ON p.id = a.patient_id
                JOIN clinicians c ON c.id = a.clinician_id
                JOIN calendar_slots s ON s.id = a.slot_id
                WHERE cl.status = 'pending' AND cl.attempts < 5
                ORDER BY cl.id
                LIMIT $1
                """,
                limit,
            )

    async def mark_submitted(self, claim_id: str, payer_claim_id: str, at: dt.datetime) -> None:
        async with self.pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE claims SET status = 'submitted', payer_claim_id = $2, submitted_at = $3 WHERE id = $1",
                claim_id,
                payer_claim_id,
                at,
            )

    async def bump_attempts(self, claim_id: str) -> int:
        async with self.pool.acquire(timeout=5) as conn:
            return await conn.fetchval(
                "UPDATE claims SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts",
                claim_id,
            )

    async def mark_failed_many(self, claim_ids: list[str]) -> None:
        async with self.pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE claims SET status = 'failed' WHERE id = ANY($1::text[])", claim_ids)

    async def status_of(self, claim_id: str) -> str | None:
        async with self.pool.acquire(timeout=5) as conn:
            return await conn.fetchval("SELECT status FROM claims WHERE id = $1", claim_id)

    async def set_status(self, claim_id: str, status: str) -> None:
        async with self.pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE claims SET status = $2 WHERE id = $1", claim_id, status)
