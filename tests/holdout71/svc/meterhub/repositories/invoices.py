from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import DunningEvent, Invoice, InvoiceLine, InvoiceStatus, Payment


class InvoiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def next_number(self) -> int:
        current = await self.session.scalar(select(func.max(Invoice.number)))
        return (current or 100000) + 1

    async def add(self, invoice: Invoice, lines: list[InvoiceLine]) -> Invoice:
        self.session.add(invoice)
        await self.session.flush()
        for line in lines:
            line.invoice_id = invoice.id
        self.session.add_all(lines)
        return invoice

    async def list_for_account(self, account_id: int, limit: int = 24) -> list[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.account_id == account_id)
            .order_by(Invoice.period_end.desc())
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def lines_for(self, invoice_id: int) -> list[InvoiceLine]:
        stmt = select(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id).order_by(InvoiceLine.id)
        return list(await self.session.scalars(stmt))

    async def lines_for_many(self, invoice_ids: list[int]) -> dict[int, list[InvoiceLine]]:
        grouped: dict[int, list[InvoiceLine]] = {i: [] for i in invoice_ids}
        if not invoice_ids:
            return grouped
        stmt = select(InvoiceLine).where(InvoiceLine.invoice_id.in_(invoice_ids)).order_by(InvoiceLine.id)
        for line in await self.session.scalars(stmt):
            grouped[line.invoice_id].append(line)
        return grouped

    async def overdue_unnotified(self, today: date, limit: int = 500) -> list[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.status.in_([InvoiceStatus.ISSUED, InvoiceStatus.OVERDUE]), Invoice.due_date < today)
            .order_by(Invoice.due_date)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def mark_paid(self, invoice_id: int) -> None:
        await self.session.execute(
            update(Invoice).where(Invoice.id == invoice_id).values(status=InvoiceStatus.PAID)
        )

    async def advance_dunning(self, invoice: Invoice, stage: int, channel: str, when: datetime) -> None:
        invoice.dunning_stage = stage
        invoice.status = InvoiceStatus.OVERDUE
        invoice.last_notified_at = when
        self.session.add(DunningEvent(invoice_id=invoice.id, account_id=invoice.account_id, stage=stage, channel=channel))

    async def open_balance(self, account_id: int) -> Decimal:
        stmt = select(func.coalesce(func.sum(Invoice.total), 0)).where(
            Invoice.account_id == account_id,
            Invoice.status.in_([InvoiceStatus.ISSUED, InvoiceStatus.OVERDUE]),
        )
        return Decimal(await self.session.scalar(stmt))


class PaymentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_provider_ref(self, provider_ref: str) -> Payment | None:
        stmt = select(Payment).where(Payment.provider_ref == provider_ref)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def add(self, payment: Payment) -> Payment:
        self.session.add(payment)
        await self.session.flush()
        return payment

    async def recent_for_account(self, account_id: int, limit: int = 20) -> list[Payment]:
        stmt = (
            select(Payment)
            .where(Payment.account_id == account_id)
            .order_by(Payment.received_at.desc())
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))
