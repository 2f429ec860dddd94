from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from procurement.db.models import POLine, POStatus, PurchaseOrder


async def get(session: AsyncSession, po_id: int) -> PurchaseOrder | None:
    return await session.get(PurchaseOrder, po_id)


async def get_by_number(session: AsyncSession, po_number: str) -> PurchaseOrder | None:
    stmt = select(PurchaseOrder).where(PurchaseOrder.po_number == po_number)
    return (await session.execute(stmt)).scalar_one_or_none()


async def get_with_lines(session: AsyncSession, po_id: int) -> PurchaseOrder | None:
    stmt = select(PurchaseOrder).options(selectinload(PurchaseOrder.lines)).where(PurchaseOrder.id == po_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def list_for_supplier(session: AsyncSession, supplier_id: int, status: POStatus) -> Sequence[PurchaseOrder]:
    stmt = select(PurchaseOrder).where(PurchaseOrder.supplier_id == supplier_id, PurchaseOrder.status == status)
    return (await session.execute(stmt)).scalars().all()


async def overdue_confirmations(session: AsyncSession, now: datetime, limit: int = 200) -> Sequence[PurchaseOrder]:
    stmt = (
        select(PurchaseOrder)
        .where(PurchaseOrder.status == POStatus.sent)
        .where(PurchaseOrder.confirmation_due_at < now)
        .order_by(PurchaseOrder.confirmation_due_at)
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def lines(session: AsyncSession, po_id: int) -> Sequence[POLine]:
    stmt = select(POLine).where(POLine.po_id == po_id)
    return (await session.execute(stmt)).scalars().all()


async def mark_confirmed(session: AsyncSession, po_id: int) -> int:
    stmt = (
        update(PurchaseOrder)
        .where(PurchaseOrder.id == po_id, PurchaseOrder.status == POStatus.sent)
        .values(status=POStatus.confirmed)
    )
    result = await session.execute(stmt)
    return result.rowcount


async def increment_reminders(session: AsyncSession, po_id: int) -> None:
    await session.execute(
        update(PurchaseOrder)
        .where(PurchaseOrder.id == po_id)
        .values(reminders_sent=PurchaseOrder.reminders_sent + 1)
    )
