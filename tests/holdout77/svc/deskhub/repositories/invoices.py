from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Invoice, InvoiceLine


class InvoiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, invoice_id: int) -> Invoice | None:
        return await self._session.get(Invoice, invoice_id)

    async def by_provider_payment(self, provider_payment_id: str) -> Invoice | None:
        stmt = select(Invoice).where(Invoice.provider_payment_id == provider_payment_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def for_member(self, member_id: int, before_id: int | None = None, limit: int = 20) -> list[Invoice]:
        stmt = select(Invoice).where(Invoice.member_id == member_id)
        if before_id is not None:
            stmt = stmt.where(Invoice.id < before_id)
        stmt = stmt.order_by(Invoice.id.desc()).limit(limit)
        return list((await self._session.execute(stmt)).scalars())

    async def upsert_draft(self, member_id: int, period_start: date, period_end: date, total_pence: int,
                           lines: list[dict]) -> int:
        stmt = (
            insert(Invoice)
            .values(member_id=member_id, period_start=period_start, period_end=period_end,
                    total_pence=total_pence, status="draft")
            .on_conflict_do_update(
                constraint="uq_invoices_member_period",
                set_={"total_pence": total_pence, "period_end": period_end},
            )
            .returning(Invoice.id)
        )
        invoice_id = (await self._session.execute(stmt)).scalar_one()
        await self._session.execute(delete(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id))
        if lines:
            await self._session.execute(insert(InvoiceLine), [{**line, "invoice_id": invoice_id} for line in lines])
        return invoice_id

    async def due_unpaid(self, now: datetime, limit: int = 100) -> list[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.status == "open", Invoice.due_at <= now)
            .order_by(Invoice.due_at)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def mark_paid(self, invoice_id: int, paid_at: datetime) -> None:
        await self._session.execute(
            update(Invoice).where(Invoice.id == invoice_id, Invoice.status != "paid").values(status="paid", paid_at=paid_at)
        )
