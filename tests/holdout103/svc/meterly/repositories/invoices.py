from __future__ import annotations

import uuid
from datetime import datetime
from typing import Sequence

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Invoice


class InvoiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, invoice_id: uuid.UUID, tenant_id: uuid.UUID) -> Invoice | None:
        stmt = select(Invoice).where(Invoice.id == invoice_id, Invoice.tenant_id == tenant_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def list_for_tenant(self, tenant_id: uuid.UUID, limit: int = 24) -> Sequence[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.tenant_id == tenant_id)
            .order_by(Invoice.period_start.desc())
            .limit(limit)
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def create_draft(self, tenant_id: uuid.UUID, start: datetime, end: datetime, currency: str) -> None:
        stmt = (
            insert(Invoice)
            .values(id=uuid.uuid4(), tenant_id=tenant_id, period_start=start, period_end=end,
                    currency=currency, lines={}, status="draft")
            .on_conflict_do_nothing(constraint="uq_invoices_tenant_period")
        )
        await self._session.execute(stmt)

    async def claim_drafts(self, limit: int) -> Sequence[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.status == "draft")
            .order_by(Invoice.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def for_period(self, tenant_id: uuid.UUID, start: datetime) -> Invoice | None:
        stmt = select(Invoice).where(Invoice.tenant_id == tenant_id, Invoice.period_start == start)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def mark(self, invoice_id: uuid.UUID, status: str, provider_invoice_id: str | None = None) -> None:
        values: dict = {"status": status}
        if provider_invoice_id:
            values["provider_invoice_id"] = provider_invoice_id
        await self._session.execute(update(Invoice).where(Invoice.id == invoice_id).values(**values))
