from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.db.models import GoodsReceipt, Invoice, InvoiceLine


async def find_by_reference(session: AsyncSession, supplier_invoice_ref: str) -> Invoice | None:
    stmt = select(Invoice).where(Invoice.supplier_invoice_ref == supplier_invoice_ref)
    return (await session.execute(stmt)).scalars().first()


async def get(session: AsyncSession, invoice_id: int) -> Invoice | None:
    return await session.get(Invoice, invoice_id)


async def lines(session: AsyncSession, invoice_id: int) -> Sequence[InvoiceLine]:
    stmt = select(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id)
    return (await session.execute(stmt)).scalars().all()


async def received_quantity(session: AsyncSession, po_line_id: int):
    stmt = select(func.coalesce(func.sum(GoodsReceipt.quantity_received), 0)).where(
        GoodsReceipt.po_line_id == po_line_id
    )
    return (await session.execute(stmt)).scalar_one()


async def received_by_line(session: AsyncSession, po_id: int) -> dict[int, object]:
    stmt = (
        select(GoodsReceipt.po_line_id, func.sum(GoodsReceipt.quantity_received))
        .where(GoodsReceipt.po_id == po_id)
        .group_by(GoodsReceipt.po_line_id)
    )
    return {line_id: qty for line_id, qty in (await session.execute(stmt)).all()}


async def unmatched(session: AsyncSession, limit: int = 100) -> Sequence[Invoice]:
    stmt = select(Invoice).where(Invoice.match_status == "unmatched").limit(limit)
    return (await session.execute(stmt)).scalars().all()
