from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
from asyncpg.pool import PoolAcquireContext


class PgRepository:
    """Shared plumbing for repositories that speak raw SQL through asyncpg."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float = 5.0) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    def _conn(self) -> PoolAcquireContext:
        return self._pool.acquire(timeout=self._acquire_timeout)


_COLUMNS = (
    "id, policy_number, holder_name, holder_email, product_code, status, "
    "effective_from, effective_to, coverage_limit_cents, deductible_cents"
)


class PolicyRepository(PgRepository):
    async def get_by_policy_number(self, policy_number: str) -> asyncpg.Record | None:
        async with self._conn() as conn:
            return await conn.fetchrow(f"SELECT {_COLUMNS} FROM policies WHERE policy_number = $1", policy_number)

    async def get_by_id(self, policy_id: UUID) -> asyncpg.Record | None:
        async with self._conn() as conn:
            return await conn.fetchrow(f"SELECT {_COLUMNS} FROM policies WHERE id = $1", policy_id)

    async def get_many(self, policy_ids: list[UUID]) -> dict[UUID, asyncpg.Record]:
        if not policy_ids:
            return {}
        async with self._conn() as conn:
            rows = await conn.fetch(f"SELECT {_COLUMNS} FROM policies WHERE id = ANY($1::uuid[])", policy_ids)
        return {row["id"]: row for row in rows}

    async def find_by_holder_email(self, email: str) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM policies WHERE holder_email = $1 LIMIT 50", email.lower())

    async def search_by_holder(self, fragment: str, limit: int = 25) -> list[dict[str, Any]]:
        async with self._conn() as conn:
            rows = await conn.fetch(f"SELECT {_COLUMNS} FROM policies WHERE holder_name ILIKE '%' || $1 || '%' LIMIT $2", fragment, limit)
        return [dict(r) for r in rows]


class AdjusterRepository(PgRepository):
    async def get(self, adjuster_id: UUID) -> asyncpg.Record | None:
        async with self._conn() as conn:
            return await conn.fetchrow("SELECT id, email, full_name, region, capacity, open_claims FROM adjusters WHERE id = $1", adjuster_id)

    async def list_available(self, region: str) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return await conn.fetch("SELECT id, email, full_name, capacity, open_claims FROM adjusters WHERE region = $1 AND active ORDER BY last_assigned_at NULLS FIRST LIMIT 50", region)

    async def reserve_next(self, region: str) -> asyncpg.Record | None:
        """Atomically pick the least recently assigned adjuster with spare capacity."""
        async with self._conn() as conn:
            return await conn.fetchrow(
                """
                UPDATE adjusters SET open_claims = open_claims + 1, last_assigned_at = now()
                WHERE id = (
                    SELECT id FROM adjusters
                    WHERE region = $1 AND active AND open_claims < capacity
                    ORDER BY last_assigned_at NULLS FIRST
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING id, email, full_name, phone
                """,
                region,
            )

    async def increment_open(self, adjuster_id: UUID) -> None:
        async with self._conn() as conn:
            await conn.execute("UPDATE adjusters SET open_claims = open_claims + 1, last_assigned_at = now() WHERE id = $1", adjuster_id)

    async def open_counts(self, adjuster_ids: list[UUID]) -> dict[UUID, int]:
        async with self._conn() as conn:
            rows = await conn.fetch("SELECT id, open_claims FROM adjusters WHERE id = ANY($1::uuid[])", adjuster_ids)
        return {row["id"]: row["open_claims"] for row in rows}

    async def reassign_region(self, from_region: str, to_region: str) -> int:
        conn = await self._pool.acquire(timeout=self._acquire_timeout)
        status = await conn.execute("UPDATE adjusters SET region = $2 WHERE region = $1 AND active", from_region, to_region)
        await self._pool.release(conn)
        return int(status.split()[-1])


class PayoutRepository(PgRepository):
    async def create_pending(self, claim_id: UUID, account_id: UUID, amount_cents: int, idempotency_key: str) -> asyncpg.Record | None:
        async with self._conn() as conn:
            return await conn.fetchrow(
                "INSERT INTO payouts (id, claim_id, account_id, amount_cents, status, idempotency_key) "
                "VALUES (gen_random_uuid(), $1, $2, $3, 'pending', $4) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
                claim_id,
                account_id,
                amount_cents,
                idempotency_key,
            )

    async def get_by_idempotency_key(self, idempotency_key: str) -> asyncpg.Record | None:
        async with self._conn() as conn:
            return await conn.fetchrow("SELECT id, claim_id, amount_cents, status, bank_reference FROM payouts WHERE idempotency_key = $1", idempotency_key)

    async def mark_sent(self, payout_id: UUID, bank_reference: str) -> None:
        async with self._conn() as conn:
            await conn.execute("UPDATE payouts SET status = 'sent', bank_reference = $2 WHERE id = $1", payout_id, bank_reference)

    async def mark_failed(self, payout_id: UUID) -> None:
        async with self._conn() as conn:
            await conn.execute("UPDATE payouts SET status = 'failed' WHERE id = $1 AND status = 'pending'", payout_id)

    async def find_by_bank_reference(self, bank_reference: str) -> asyncpg.Record | None:
        async with self._pool.acquire() as conn:
            return await conn.fetchrow("SELECT id, claim_id, amount_cents, status FROM payouts WHERE bank_reference = $1", bank_reference)

    async def list_unsettled(self, since: datetime) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return await conn.fetch("SELECT id, claim_id, amount_cents, bank_reference, created_at FROM payouts WHERE status = 'sent' AND created_at >= $1 ORDER BY created_at LIMIT 50000", since)

    async def settle_many(self, payout_ids: list[UUID]) -> None:
        async with self._conn() as conn:
            await conn.execute("UPDATE payouts SET status = 'settled', settled_at = now() WHERE id = ANY($1::uuid[]) AND status = 'sent'", payout_ids)


class AuditLog(PgRepository):
    """Append-only claim history, written outside the request transaction."""

    async def record(self, kind: str, claim_id: UUID, *, actor: str, payload: dict[str, Any] | None = None) -> None:
        async with self._conn() as conn:
            await conn.execute(
                "INSERT INTO claim_events (claim_id, kind, actor, payload) VALUES ($1, $2, $3, $4::jsonb)",
                claim_id,
                kind,
                actor,
                json.dumps(payload or {}, default=str),
            )
