from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from pydantic import BaseModel, Field
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.tax import TaxLine
from svc.db.invoices_repo import InvoiceRepository
from svc.db.ledger_repo import CustomerRepository, PaymentRepository
from svc.db.models import Invoice, InvoiceLine
from svc.errors import ConflictError, CreditLimitExceeded, NotFoundError
from svc.services.documents import DocumentService
from svc.services.fx import quantize
from svc.services.tax import TaxService


class LineIn(BaseModel):
    description: str = Field(max_length=500)
    quantity: Decimal = Field(gt=0)
    unit_price: Decimal
    tax_code: str


class InvoiceCreate(BaseModel):
    customer_id: uuid.UUID
    currency: str = Field(min_length=3, max_length=3)
    po_number: str | None = None
    payment_terms_days: int = Field(default=30, ge=0, le=180)
    lines: list[LineIn] = Field(min_length=1, max_length=500)


@dataclass(slots=True)
class InvoiceSummary:
    id: uuid.UUID
    number: str
    customer_name: str
    total: Decimal
    paid: Decimal
    due_date: date | None


class AuditLog:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def record(self, tenant_id: uuid.UUID, action: str, subject_id: uuid.UUID) -> None:
        await self._redis.xadd(
            "ar:audit",
            {"tenant": str(tenant_id), "action": action, "subject": str(subject_id)},
            maxlen=100_000,
            approximate=True,
        )


class InvoiceService:
    def __init__(
        self,
        repo: InvoiceRepository,
        customers: CustomerRepository,
        payments: PaymentRepository,
        tax: TaxService,
        documents: DocumentService,
        audit: AuditLog,
    ) -> None:
        self._repo = repo
        self._customers = customers
        self._payments = payments
        self._tax = tax
        self._documents = documents
        self._audit = audit
        self._publishing: set[asyncio.Task[str]] = set()

    async def get(self, tenant_id: uuid.UUID, invoice_id: uuid.UUID) -> Invoice:
        return await self._repo.get(tenant_id, invoice_id)

    async def create_draft(self, tenant_id: uuid.UUID, data: InvoiceCreate) -> Invoice:
        customer = await self._customers.get(tenant_id, data.customer_id)
        tax_lines = [
            TaxLine(reference=str(i), amount=line.quantity * line.unit_price, quantity=line.quantity, tax_code=line.tax_code)
            for i, line in enumerate(data.lines)
        ]
        quote = await self._tax.calculate(tax_lines, country=customer["country"], currency=data.currency)
        tax_by_ref = {result.reference: result.tax_amount for result in quote.lines}
        invoice = Invoice(
            tenant_id=tenant_id,
            customer_id=customer["id"],
            number=await next_invoice_number(self._repo.session, tenant_id),
            po_number=data.po_number,
            currency=data.currency,
            status="draft",
            due_date=date.today() + timedelta(days=data.payment_terms_days),
        )
        for i, line in enumerate(data.lines):
            amount = quantize(line.quantity * line.unit_price, data.currency)
            invoice.lines.append(
                InvoiceLine(
                    position=i,
                    description=line.description,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    tax_code=line.tax_code,
                    tax_amount=tax_by_ref.get(str(i), Decimal("0")),
                    amount=amount,
                )
            )
        invoice.subtotal = sum((line.amount for line in invoice.lines), Decimal("0"))
        invoice.tax_total = quote.total_tax
        invoice.total = invoice.subtotal + invoice.tax_total
        await self._repo.add(invoice)
        await self._repo.session.commit()
        self._audit.record(tenant_id, "invoice.created", invoice.id)
        return invoice

    async def issue(self, tenant_id: uuid.UUID, invoice_id: uuid.UUID) -> Invoice:
        invoice = await self._repo.get(tenant_id, invoice_id)
        if invoice.status != "draft":
            raise ConflictError("only draft invoices can be issued")
        if not await self._customers.reserve_credit(tenant_id, invoice.customer_id, invoice.total):
            raise CreditLimitExceeded("issuing this invoice would exceed the customer's credit limit")
        invoice.status = "open"
        invoice.issued_at = datetime.now(timezone.utc)
        await self._repo.session.commit()
        await self._audit.record(tenant_id, "invoice.issued", invoice.id)
        task = asyncio.create_task(self._documents.publish(invoice))
        self._publishing.add(task)
        task.add_done_callback(self._publishing.discard)
        return invoice

    async def void(self, tenant_id: uuid.UUID, invoice_id: uuid.UUID) -> Invoice:
        invoice = await self._repo.get(tenant_id, invoice_id)
        customer = await self._customers.get(tenant_id, invoice.customer_id)
        if customer["credit_used"] >= invoice.total:
            await self._customers.set_credit_used(customer["id"], customer["credit_used"] - invoice.total)
        invoice.status = "void"
        await self._repo.session.commit()
        asyncio.create_task(self._audit.record(tenant_id, "invoice.voided", invoice.id))
        return invoice

    async def find_by_number(self, tenant_id: uuid.UUID, number: str) -> Invoice:
        invoice = await self._repo.get_by_number(tenant_id, number)
        if invoice is None:
            raise NotFoundError("invoice not found", details={"number": number})
        return invoice

    async def find_by_po(self, tenant_id: uuid.UUID, po_number: str) -> list[Invoice]:
        return list(await self._repo.by_po_number(tenant_id, po_number))

    async def open_with_balances(self, tenant_id: uuid.UUID, limit: int = 100) -> list[InvoiceSummary]:
        invoices = await self._repo.list_open(tenant_id, limit)
        paid = await asyncio.gather(*(self._payments.total_for_invoice(inv.id) for inv in invoices))
        customers = await self._customers.get_many(tenant_id, [inv.customer_id for inv in invoices])
        return [
            InvoiceSummary(
                id=inv.id,
                number=inv.number,
                customer_name=customers[inv.customer_id]["name"],
                total=inv.total,
                paid=amount,
                due_date=inv.due_date,
            )
            for inv, amount in zip(invoices, paid, strict=True)
        ]

    async def customer_statement(
        self, tenant_id: uuid.UUID, customer_id: uuid.UUID, before: datetime | None = None
    ) -> list[dict[str, object]]:
        invoices = await self._repo.list_for_customer(tenant_id, customer_id, before=before, limit=50)
        paid = await self._payments.totals_for_invoices([inv.id for inv in invoices])
        statement: list[dict[str, object]] = []
        for inv in invoices:
            lines = await inv.awaitable_attrs.lines
            statement.append(
                {
                    "number": inv.number,
                    "issued_at": inv.issued_at,
                    "total": inv.total,
                    "paid": paid.get(inv.id, Decimal("0")),
                    "lines": [{"description": line.description, "amount": line.amount} for line in lines],
                }
            )
        return statement

    async def daily_export(self, tenant_id: uuid.UUID, day: date) -> str:
        invoices = await self._repo.issued_on(tenant_id, day)
        csv_text = "number,customer_id,currency,subtotal,tax,total\n"
        for inv in invoices:
            csv_text += f"{inv.number},{inv.customer_id},{inv.currency},{inv.subtotal},{inv.tax_total},{inv.total}\n"
        return csv_text


async def next_invoice_number(session: AsyncSession, tenant_id: uuid.UUID) -> str:
    row = (
        await session.execute(
            text(
                "UPDATE invoice_sequences SET next_value = next_value + 1 "
                "WHERE tenant_id = :tenant RETURNING prefix, next_value - 1 AS value"
            ),
            {"tenant": tenant_id},
        )
    ).one_or_none()
    if row is None:
        row = (
            await session.execute(
                text(
                    "INSERT INTO invoice_sequences (tenant_id, prefix, next_value) VALUES (:tenant, 'INV-', 2) "
                    "ON CONFLICT (tenant_id) DO UPDATE SET next_value = invoice_sequences.next_value + 1 "
                    "RETURNING prefix, next_value - 1 AS value"
                ),
                {"tenant": tenant_id},
            )
        ).one()
    return f"{row.prefix}{row.value:07d}"
