from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

import asyncpg

from svc.db.engine import Database
from svc.errors import ConflictError, NotFoundError

_INSERT_STATEMENT_LINE = (
    "INSERT INTO statement_lines (import_id, booking_date, amount, currency, reference, counterparty) "
    "VALUES ($1, $2, $3, $4, $5, $6)"
)
_CUSTOMER_COLUMNS = "id, tenant_id, name, billing_email, vat_number, country, currency, credit_limit, credit_used"


class CustomerRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, tenant_id: uuid.UUID, customer_id: uuid.UUID) -> asyncpg.Record:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(
                f"SELECT {_CUSTOMER_COLUMNS} FROM customers WHERE tenant_id = $1 AND id = $2",
                tenant_id,
                customer_id,
            )
        if row is None:
            raise NotFoundError("customer not found", details={"customer_id": str(customer_id)})
        return row

    async def get_many(self, tenant_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, asyncpg.Record]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                f"SELECT {_CUSTOMER_COLUMNS} FROM customers WHERE tenant_id = $1 AND id = ANY($2::uuid[])",
                tenant_id,
                list(ids),
            )
        return {row["id"]: row for row in rows}

    async def search(self, tenant_id: uuid.UUID, term: str, limit: int = 25) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                f"SELECT {_CUSTOMER_COLUMNS} FROM customers "
                "WHERE tenant_id = $1 AND name ILIKE '%' || $2 || '%' ORDER BY name LIMIT $3",
                tenant_id,
                term,
                limit,
            )

    async def by_billing_email(self, email: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(
                f"SELECT {_CUSTOMER_COLUMNS} FROM customers WHERE billing_email = $1",
                email,
            )

    async def create(
        self,
        tenant_id: uuid.UUID,
        *,
        name: str,
        billing_email: str,
        vat_number: str | None,
        country: str,
        currency: str,
        credit_limit: Decimal,
    ) -> uuid.UUID:
        async with self._db.connection() as conn:
            inserted = await conn.fetchval(
                "INSERT INTO customers (id, tenant_id, name, billing_email, vat_number, country, currency, credit_limit) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                "ON CONFLICT (tenant_id, vat_number) DO NOTHING RETURNING id",
                uuid.uuid4(),
                tenant_id,
                name,
                billing_email,
                vat_number,
                country,
                currency,
                credit_limit,
            )
        if inserted is None:
            raise ConflictError("a customer with this VAT number already exists")
        return inserted

    async def reserve_credit(self, tenant_id: uuid.UUID, customer_id: uuid.UUID, amount: Decimal) -> bool:
        async with self._db.connection() as conn:
            used = await conn.fetchval(
                "UPDATE customers SET credit_used = credit_used + $3 "
                "WHERE tenant_id = $1 AND id = $2 AND credit_used + $3 <= credit_limit "
                "RETURNING credit_used",
                tenant_id,
                customer_id,
                amount,
            )
        return used is not None

    async def set_credit_used(self, customer_id: uuid.UUID, credit_used: Decimal) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE customers SET credit_used = $2 WHERE id = $1", customer_id, credit_used)


class PaymentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def total_for_invoice(self, invoice_id: uuid.UUID) -> Decimal:
        async with self._db.connection() as conn:
            total = await conn.fetchval(
                "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE invoice_id = $1 AND status = 'applied'",
                invoice_id,
            )
        return Decimal(total)

    async def totals_for_invoices(self, invoice_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Decimal]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT invoice_id, SUM(amount) AS paid FROM payments "
                "WHERE invoice_id = ANY($1::uuid[]) AND status = 'applied' GROUP BY invoice_id",
                list(invoice_ids),
            )
        return {row["invoice_id"]: Decimal(row["paid"]) for row in rows}

    async def recent_for_customer(self, customer_id: uuid.UUID, limit: int = 20) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT id, invoice_id, amount, currency, received_at, status FROM payments "
                "WHERE customer_id = $1 ORDER BY received_at DESC LIMIT $2",
                customer_id,
                limit,
            )

    async def by_bank_reference(self, tenant_id: uuid.UUID, reference: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(
                "SELECT id, invoice_id, amount, status FROM payments WHERE tenant_id = $1 AND bank_reference = $2",
                tenant_id,
                reference,
            )

    async def record(
        self,
        conn: asyncpg.Connection,
        *,
        tenant_id: uuid.UUID,
        invoice_id: uuid.UUID | None,
        customer_id: uuid.UUID,
        amount: Decimal,
        currency: str,
        bank_reference: str | None,
        provider_payment_id: str | None,
    ) -> uuid.UUID | None:
        return await conn.fetchval(
            "INSERT INTO payments (id, tenant_id, invoice_id, customer_id, amount, currency, received_at, "
            "bank_reference, provider_payment_id) VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8) "
            "ON CONFLICT (provider_payment_id) DO NOTHING RETURNING id",
            uuid.uuid4(),
            tenant_id,
            invoice_id,
            customer_id,
            amount,
            currency,
            bank_reference,
            provider_payment_id,
        )


class StatementRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create_import(self, tenant_id: uuid.UUID, iban: str, sha256: str) -> uuid.UUID | None:
        async with self._db.connection() as conn:
            return await conn.fetchval(
                "INSERT INTO statement_imports (id, tenant_id, account_iban, file_sha256) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT (tenant_id, file_sha256) DO NOTHING RETURNING id",
                uuid.uuid4(),
                tenant_id,
                iban,
                sha256,
            )

    async def insert_lines(
        self, import_id: uuid.UUID, lines: Iterable[tuple[date, Decimal, str, str, str | None]]
    ) -> None:
        async with self._db.connection() as conn:
            async with conn.transaction():
                await conn.executemany(_INSERT_STATEMENT_LINE, [(import_id, *line) for line in lines])

    async def unmatched_lines(self, import_id: uuid.UUID) -> list[asyncpg.Record]:
        assert self._db.pool is not None
        async with self._db.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, booking_date, amount, currency, reference, counterparty FROM statement_lines "
                "WHERE import_id = $1 AND matched_payment_id IS NULL ORDER BY id",
                import_id,
            )

    async def invoice_by_number(self, tenant_id: uuid.UUID, number: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(
                "SELECT id, customer_id, currency, total, amount_paid FROM invoices WHERE tenant_id = $1 AND number = $2",
                tenant_id,
                number,
            )

    async def invoices_by_numbers(self, tenant_id: uuid.UUID, numbers: Sequence[str]) -> dict[str, asyncpg.Record]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, number, customer_id, currency, total, amount_paid FROM invoices "
                "WHERE tenant_id = $1 AND number = ANY($2::text[])",
                tenant_id,
                list(numbers),
            )
        return {row["number"]: row for row in rows}

    async def mark_matched(self, matches: Sequence[tuple[int, uuid.UUID]]) -> None:
        assert self._db.pool is not None
        conn = await self._db.pool.acquire(timeout=5)
        await conn.executemany("UPDATE statement_lines SET matched_payment_id = $2 WHERE id = $1", matches)
        await self._db.pool.release(conn)

    async def set_status(self, import_id: uuid.UUID, status: str) -> None:
        assert self._db.pool is not None
        conn = await self._db.pool.acquire(timeout=5.0)
        try:
            await conn.execute("UPDATE statement_imports SET status = $2 WHERE id = $1", import_id, status)
        finally:
            await self._db.pool.release(conn)
