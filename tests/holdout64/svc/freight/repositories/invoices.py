from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Invoice, InvoiceStatus


class InvoiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, invoice_id: uuid.UUID) -> Invoice | None:
        return await self.session.get(Invoice, invoice_id)

    async def max_number(self) -> int | None:
        return await self.session.scalar(select(func.max(Invoice.number)))

    async def next_number(self) -> int:
        return await self.session.scalar(select(func.nextval("invoice_number_seq")))

    async def list_ready(self, limit: int = 500) -> list[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.status == InvoiceStatus.READY)
            .order_by(Invoice.created_at)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def list_for_shipper(self, shipper_id: uuid.UUID, since: datetime) -> list[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.shipper_id == shipper_id, Invoice.created_at >= since)
            .order_by(Invoice.number)
        )
        return list(await self.session.scalars(stmt))

    async def mark_sent(self, invoice_id: uuid.UUID, at: datetime) -> None:
        await self.session.execute(
            update(Invoice).where(Invoice.id == invoice_id).values(status=InvoiceStatus.SENT, sent_at=at)
        )

    async def mark_sent_many(self, invoice_ids: list[uuid.UUID], at: datetime) -> None:
        await self.session.execute(
            update(Invoice).where(Invoice.id.in_(invoice_ids)).values(status=InvoiceStatus.SENT, sent_at=at)
        )

    def add(self, invoice: Invoice) -> None:
        self.session.add(invoice)
