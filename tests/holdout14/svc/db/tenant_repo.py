"""Tenants, credit balances and payment attempts (asyncpg)."""
from __future__ import annotations

from datetime import date

import asyncpg

from svc.db.pool import Database
from svc.errors import TenantNotFound


class TenantRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, tenant_id: int) -> asyncpg.Record:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT id, slug, name, plan_code, country, status, payment_customer_ref FROM tenants WHERE id = $1",
                tenant_id,
            )
        if row is None:
            raise TenantNotFound(str(tenant_id))
        return row

    async def get_many(self, tenant_ids: list[int]) -> dict[int, asyncpg.Record]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, slug, name, plan_code, country, payment_customer_ref FROM tenants WHERE id = ANY($1::bigint[])",
                tenant_ids,
            )
        return {row["id"]: row for row in rows}

    async def search(self, term: str) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT id, slug, name FROM tenants WHERE name ILIKE $1 ORDER BY name LIMIT 50",
                f"%{term}%",
            )

    async def active_ids(self) -> list[int]:
        async with self._db.connection() as conn:
            rows = await conn.fetch("SELECT id FROM tenants WHERE status = 'active'")
        return [row["id"] for row in rows]

    async def get_balance(self, tenant_id: int) -> int:
        async with self._db.connection() as conn:
            return await conn.fetchval(
                "SELECT balance_cents FROM credit_balances WHERE tenant_id = $1", tenant_id
            ) or 0

    async def set_balance(self, tenant_id: int, balance_cents: int) -> None:
        async with self._db.connection() as conn:
            await conn.execute(
                "UPDATE credit_balances SET balance_cents = $2 WHERE tenant_id = $1", tenant_id, balance_cents
            )

    async def debit_credits(self, tenant_id: int, amount_cents: int) -> bool:
        async with self._db.connection() as conn:
            remaining = await conn.fetchval(
                "UPDATE credit_balances SET balance_cents = balance_cents - $2 "
                "WHERE tenant_id = $1 AND balance_cents >= $2 RETURNING balance_cents",
                tenant_id,
                amount_cents,
            )
        return remaining is not None

    async def payment_by_provider_ref(self, provider_ref: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(
                "SELECT id, invoice_id, status, amount_cents FROM payment_attempts WHERE provider_ref = $1",
                provider_ref,
            )

    async def record_payment_attempt(self, invoice_id: int, provider_ref: str | None, status: str, amount_cents: int) -> None:
        async with self._db.connection() as conn:
            await conn.execute(
                "INSERT INTO payment_attempts (invoice_id, provider_ref, status, amount_cents) VALUES ($1, $2, $3, $4)",
                invoice_id,
                provider_ref,
                status,
                amount_cents,
            )

    async def mark_period_closed(self, tenant_id: int, period_start: date) -> None:
        assert self._db.pool is not None
        conn = await self._db.pool.acquire(timeout=self._db.acquire_timeout)
        tx = conn.transaction()
        await tx.start()
        await conn.execute(
            "INSERT INTO closed_periods (tenant_id, period_start) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            tenant_id,
            period_start,
        )
        await conn.execute("UPDATE invoices SET status = 'open' WHERE tenant_id = $1 AND period_start = $2 AND status = 'draft'", tenant_id, period_start)
        await tx.commit()
        await self._db.pool.release(conn)
