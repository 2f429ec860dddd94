from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timezone

from fastapi import HTTPException
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Invoice, InvoiceLine


class InvoiceRepository:
    """ORM access to invoices and their lines."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def session(self) -> AsyncSession:
        return self._session

    async def get(self, tenant_id: uuid.UUID, invoice_id: uuid.UUID) -> Invoice:
        stmt = (
            select(Invoice)
            .options(selectinload(Invoice.lines), selectinload(Invoice.customer))
            .where(Invoice.tenant_id == tenant_id, Invoice.id == invoice_id)
        )
        invoice = await self._session.scalar(stmt)
        if invoice is None:
            raise HTTPException(status_code=404, detail="invoice not found")
        return invoice

    async def by_number(self, tenant_id: uuid.UUID, number: str) -> Invoice | None:
        stmt = select(Invoice).where(Invoice.tenant_id == tenant_id, Invoice.number == number)
        return await self._session.scalar(stmt)

    async def by_po_number(self, tenant_id: uuid.UUID, po_number: str) -> Sequence[Invoice]:
        stmt = select(Invoice).where(Invoice.tenant_id == tenant_id, Invoice.po_number == po_number)
        return (await self._session.scalars(stmt)).all()

    async def issued_on(self, tenant_id: uuid.UUID, day: date) -> Sequence[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.tenant_id == tenant_id, func.date(Invoice.issued_at) == day)
            .order_by(Invoice.number)
        )
        return (await self._session.scalars(stmt)).all()

    async def list_for_customer(
        self,
        tenant_id: uuid.UUID,
        customer_id: uuid.UUID,
        *,
        before: datetime | None,
        limit: int,
    ) -> Sequence[Invoice]:
        stmt = select(Invoice).where(Invoice.tenant_id == tenant_id, Invoice.customer_id == customer_id)
        if before is not None:
            stmt = stmt.where(Invoice.issued_at < before)
        stmt = stmt.order_by(Invoice.issued_at.desc()).limit(limit)
        return (await self._session.scalars(stmt)).all()

    async def list_open(self, tenant_id: uuid.UUID, limit: int) -> Sequence[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.tenant_id == tenant_id, Invoice.status == "open")
            .order_by(Invoice.issued_at.desc())
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def lines_for(self, invoice_id: uuid.UUID) -> Sequence[InvoiceLine]:
        stmt = select(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id).order_by(InvoiceLine.position)
        return (await self._session.scalars(stmt)).all()

    async def with_lines(self, invoice_ids: Sequence[uuid.UUID]) -> Sequence[Invoice]:
        stmt = select(Invoice).options(selectinload(Invoice.lines)).where(Invoice.id.in_(invoice_ids))
        return (await self._session.scalars(stmt)).all()

    async def overdue(self, today: date, limit: int) -> Sequence[Invoice]:
        stmt = (
            select(Invoice)
            .options(selectinload(Invoice.customer), selectinload(Invoice.lines))
            .where(Invoice.status.in_(("open", "overdue")), Invoice.due_date < today)
            .order_by(Invoice.due_date)
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def add(self, invoice: Invoice) -> Invoice:
        self._session.add(invoice)
        await self._session.flush()
        return invoice

    async def advance_dunning(self, invoice_id: uuid.UUID, level: int) -> bool:
        """Move an invoice to ``level`` unless another run already did."""
        result = await self._session.execute(
            update(Invoice)
            .where(Invoice.id == invoice_id, Invoice.dunning_level < level)
            .values(dunning_level=level, last_reminder_at=datetime.now(timezone.utc))
        )
        return result.rowcount == 1

    async def mark_overdue(self, invoice_ids: Sequence[uuid.UUID]) -> int:
        result = await self._session.execute(
            update(Invoice).where(Invoice.id.in_(invoice_ids), Invoice.status == "open").values(status="overdue")
        )
        return result.rowcount
