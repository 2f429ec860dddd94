from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from seqcore.db.pg import ACQUIRE_TIMEOUT_S


class BillingRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def billed_sample_ids(self, lab_id: uuid.UUID) -> list[uuid.UUID]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            rows = await conn.fetch("SELECT sample_id FROM usage_charges WHERE lab_id = $1", lab_id)
        return [r["sample_id"] for r in rows]

    async def sequenced_samples(self, lab_id: uuid.UUID, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(
                """
                SELECT s.id, s.name, s.read_count, l.default_grant_code
                FROM samples s JOIN labs l ON l.id = s.lab_id
                WHERE s.lab_id = $1 AND s.status = 'sequenced'
                  AND s.created_at >= $2 AND s.created_at < $3
                """,
                lab_id, start, end,
            )

    async def insert_charges(self, lab_id: uuid.UUID, lines: list[dict]) -> int:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            async with conn.transaction():
                await conn.executemany(
                    """
                    INSERT INTO usage_charges (id, sample_id, lab_id, grant_code, amount_cents, description)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (sample_id, description) DO NOTHING
                    """,
                    [
                        (uuid.uuid4(), l["sample_id"], lab_id, l["grant_code"], l["amount_cents"], l["description"])
                        for l in lines
                    ],
                )
        return len(lines)

    async def unposted(self, lab_id: uuid.UUID) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(
                "SELECT id, sample_id, grant_code, amount_cents, description FROM usage_charges "
                "WHERE lab_id = $1 AND posted_at IS NULL",
                lab_id,
            )

    async def mark_posted(self, charge_ids: list[uuid.UUID], finance_ref: str) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.execute(
                "UPDATE usage_charges SET posted_at = now(), finance_ref = $2 WHERE id = ANY($1::uuid[])",
                charge_ids, finance_ref,
            )
