"""ORM repository for invoices and their lines."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from fastapi import HTTPException
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Invoice, InvoiceLine
from svc.errors import InvoiceNotFound


class InvoiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, invoice_id: int) -> Invoice:
        stmt = select(Invoice).options(selectinload(Invoice.lines)).where(Invoice.id == invoice_id)
        invoice = (await self._session.execute(stmt)).scalar_one_or_none()
        if invoice is None:
            raise InvoiceNotFound(f"invoice {invoice_id}")
        return invoice

    async def get_for_tenant(self, tenant_id: int, invoice_id: int) -> Invoice:
        stmt = select(Invoice).where(Invoice.id == invoice_id, Invoice.tenant_id == tenant_id)
        invoice = (await self._session.execute(stmt)).scalar_one_or_none()
        if invoice is None:
            raise HTTPException(status_code=404, detail="invoice not found")
        return invoice

    async def list_for_tenant(self, tenant_id: int, limit: int = 50) -> Sequence[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.tenant_id == tenant_id)
            .order_by(Invoice.created_at.desc())
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def overdue(self, now: datetime, limit: int = 500) -> Sequence[Invoice]:
        stmt = select(Invoice).where(Invoice.status == "open", Invoice.due_at < now).limit(limit)
        return (await self._session.scalars(stmt)).all()

    async def find_for_period(self, tenant_id: int, period_start: date) -> Invoice | None:
        stmt = select(Invoice).where(Invoice.tenant_id == tenant_id, Invoice.period_start == period_start)
        return (await self._session.scalars(stmt)).first()

    async def lines_for(self, invoice_id: int) -> Sequence[InvoiceLine]:
        return (await self._session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id))).all()

    async def lines_for_many(self, invoice_ids: Sequence[int]) -> dict[int, list[InvoiceLine]]:
        stmt = select(InvoiceLine).where(InvoiceLine.invoice_id.in_(invoice_ids))
        grouped: dict[int, list[InvoiceLine]] = {}
        for line in (await self._session.scalars(stmt)).all():
            grouped.setdefault(line.invoice_id, []).append(line)
        return grouped

    async def add(self, invoice: Invoice) -> Invoice:
        self._session.add(invoice)
        await self._session.flush()
        return invoice

    async def mark_paid(self, invoice_id: int) -> bool:
        result = await self._session.execute(
            update(Invoice)
            .where(Invoice.id == invoice_id, Invoice.status == "open")
            .values(status="paid")
        )
        return result.rowcount == 1

    async def bump_dunning(self, invoice_id: int) -> None:
        await self._session.execute(
            update(Invoice)
            .where(Invoice.id == invoice_id)
            .values(dunning_attempts=Invoice.dunning_attempts + 1)
        )
