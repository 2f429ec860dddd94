from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from fieldops.db.models import Invoice, InvoiceLine, Part, Quote


class InvoiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, invoice_id: int) -> Invoice | None:
        return await self._session.get(Invoice, invoice_id)

    async def get_with_lines(self, invoice_id: int) -> Invoice | None:
        stmt = select(Invoice).options(selectinload(Invoice.lines)).where(Invoice.id == invoice_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def line_items_with_parts(self, invoice_id: int) -> list[tuple[InvoiceLine, Part | None]]:
        lines = await self._session.execute(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id))
        result = []
        for line in lines.scalars():
            part = await self._session.get(Part, line.part_id) if line.part_id else None
            result.append((line, part))
        return result

    async def by_provider_payment(self, provider_payment_id: str) -> Invoice | None:
        stmt = select(Invoice).where(Invoice.provider_payment_id == provider_payment_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def for_update(self, invoice_id: int) -> Invoice | None:
        stmt = select(Invoice).where(Invoice.id == invoice_id).with_for_update()
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def record_payment(self, invoice_id: int, amount: Decimal) -> Invoice:
        async with self._session.begin_nested():
            invoice = await self.for_update(invoice_id)
            invoice.amount_paid += amount
            if invoice.amount_paid >= invoice.total:
                invoice.status = "paid"
        return invoice

    async def open_for_account(self, account_id: int, limit: int = 200) -> list[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.account_id == account_id, Invoice.status.in_(("sent", "partially_paid")))
            .order_by(Invoice.id.desc())
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def add(self, invoice: Invoice) -> Invoice:
        self._session.add(invoice)
        await self._session.flush()
        return invoice


class QuoteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, quote_id: int) -> Quote | None:
        return await self._session.get(Quote, quote_id)

    async def add(self, quote: Quote) -> Quote:
        self._session.add(quote)
        await self._session.flush()
        return quote

    async def mark_accepted(self, quote_id: int, when: datetime) -> bool:
        result = await self._session.execute(
            update(Quote).where(Quote.id == quote_id, Quote.status == "sent").values(status="accepted", accepted_at=when)
        )
        return result.rowcount == 1

    async def mark_declined(self, quote_id: int) -> bool:
        result = await self._session.execute(
            update(Quote).where(Quote.id == quote_id, Quote.status == "sent").values(status="declined")
        )
        return result.rowcount == 1
