from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Invoice


async def max_number(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.coalesce(func.max(Invoice.number), 100000))))


async def next_number(session: AsyncSession) -> int:
    return int(await session.scalar(text("SELECT nextval('invoice_number_seq')")))


async def add(session: AsyncSession, invoice: Invoice) -> Invoice:
    session.add(invoice)
    await session.flush()
    return invoice


async def claim_pending(session: AsyncSession, batch: int = 20) -> Sequence[Invoice]:
    stmt = (
        select(Invoice)
        .where(Invoice.status == "pending")
        .order_by(Invoice.issued_at)
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    return (await session.scalars(stmt)).all()


async def mark(session: AsyncSession, invoice_id: int, status: str, pdf_path: str | None = None) -> None:
    values: dict[str, object] = {"status": status, "attempts": Invoice.attempts + 1}
    if pdf_path:
        values["pdf_path"] = pdf_path
    if status == "sent":
        values["issued_at"] = datetime.now().astimezone()
    await session.execute(update(Invoice).where(Invoice.id == invoice_id).values(**values))


async def for_reservation(session: AsyncSession, reservation_id: int) -> Sequence[Invoice]:
    stmt = select(Invoice).where(Invoice.reservation_id == reservation_id)
    return (await session.scalars(stmt)).all()
