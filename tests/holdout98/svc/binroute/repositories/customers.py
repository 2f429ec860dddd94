from __future__ import annotations

from datetime import date

import asyncpg


class CustomerRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self.pool = pool
        self.acquire_timeout = acquire_timeout

    async def active(self) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, name, billing_email, payment_token, rate_pence_per_lift FROM customers WHERE active"
            )

    async def apply_credit(self, customer_id: int, amount_pence: int) -> int:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            row = await conn.fetchrow("SELECT balance_pence FROM customers WHERE id = $1", customer_id)
            new_balance = row["balance_pence"] + amount_pence
            await conn.execute("UPDATE customers SET balance_pence = $2 WHERE id = $1", customer_id, new_balance)
        return new_balance

    async def debit(self, customer_id: int, amount_pence: int) -> int | None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetchval(
                "UPDATE customers SET balance_pence = balance_pence - $2 "
                "WHERE id = $1 AND balance_pence >= $2 RETURNING balance_pence",
                customer_id, amount_pence,
            )


class InvoiceRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self.pool = pool
        self.acquire_timeout = acquire_timeout

    async def create_draft(self, customer_id: int, period_start: date, lifts: int, amount_pence: int) -> None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            await conn.execute(
                "INSERT INTO invoices (customer_id, period_start, lifts, amount_pence) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT ON CONSTRAINT uq_invoice_customer_period DO NOTHING",
                customer_id, period_start, lifts, amount_pence,
            )

    async def pending(self, limit: int = 200) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT i.id, i.customer_id, i.amount_pence, c.payment_token, c.billing_email "
                "FROM invoices i JOIN customers c ON c.id = i.customer_id "
                "WHERE i.status = 'pending' ORDER BY i.id LIMIT $1",
                limit,
            )

    async def claim_retryable(self, limit: int = 50) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            async with conn.transaction():
                return await conn.fetch(
                    "UPDATE invoices SET status = 'charging' WHERE id IN ("
                    " SELECT id FROM invoices WHERE status = 'failed' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED"
                    ") RETURNING id, customer_id, amount_pence",
                    limit,
                )

    async def mark_paid(self, invoice_id: int, charge_id: str) -> None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            await conn.execute("UPDATE invoices SET status = 'paid', charge_id = $2 WHERE id = $1", invoice_id, charge_id)

    async def mark_failed(self, invoice_id: int) -> None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            await conn.execute("UPDATE invoices SET status = 'failed' WHERE id = $1", invoice_id)
