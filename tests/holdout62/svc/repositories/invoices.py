"""Invoices and invoice lines."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Drug, Invoice, InvoiceLine


class InvoiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, invoice_id: int) -> Invoice | None:
        return await self.session.get(Invoice, invoice_id)

    async def lines(self, invoice_id: int) -> list[InvoiceLine]:
        stmt = select(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id).order_by(InvoiceLine.id)
        return list((await self.session.scalars(stmt)).all())

    async def add_line(self, invoice_id: int, description: str, amount: Decimal, drug_id: int | None = None) -> None:
        self.session.add(InvoiceLine(invoice_id=invoice_id, description=description, amount=amount, drug_id=drug_id))

    async def recompute_total(self, invoice_id: int) -> Decimal:
        total = await self.session.scalar(
            select(func.coalesce(func.sum(InvoiceLine.amount), 0)).where(InvoiceLine.invoice_id == invoice_id)
        )
        await self.session.execute(update(Invoice).where(Invoice.id == invoice_id).values(total=total))
        return Decimal(total)

    async def drug(self, drug_id: int) -> Drug | None:
        return await self.session.get(Drug, drug_id)

    async def drugs_by_ids(self, ids: set[int]) -> dict[int, Drug]:
        if not ids:
            return {}
        rows = await self.session.scalars(select(Drug).where(Drug.id.in_(ids)))
        return {d.id: d for d in rows.all()}

    async def open_for_owner(self, owner_id: int) -> list[Invoice]:
        stmt = select(Invoice).where(Invoice.owner_id == owner_id, Invoice.status.in_(("draft", "issued")))
        return list((await self.session.scalars(stmt)).all())

    async def by_status(self, status: str, limit: int = 500) -> list[Invoice]:
        stmt = select(Invoice).where(Invoice.status == status).order_by(Invoice.id).limit(limit)
        return list((await self.session.scalars(stmt)).all())
