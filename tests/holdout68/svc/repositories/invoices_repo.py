from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Invoice, InvoiceLine, Payment, PriceItem


async def get_invoice(session: AsyncSession, invoice_id: int) -> Invoice | None:
    stmt = select(Invoice).options(selectinload(Invoice.lines)).where(Invoice.id == invoice_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def list_for_owner(session: AsyncSession, owner_id: int, limit: int = 50) -> list[Invoice]:
    stmt = (
        select(Invoice)
        .where(Invoice.owner_id == owner_id)
        .order_by(Invoice.issued_at.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def get_price(session: AsyncSession, code: str) -> PriceItem | None:
    return await session.get(PriceItem, code)


async def prices_for(session: AsyncSession, codes: list[str]) -> dict[str, PriceItem]:
    rows = (await session.execute(select(PriceItem).where(PriceItem.code.in_(codes)))).scalars()
    return {p.code: p for p in rows}


async def add_line(session: AsyncSession, invoice: Invoice, code: str, description: str, qty: int, unit_cents: int) -> InvoiceLine:
    line = InvoiceLine(invoice_id=invoice.id, code=code, description=description, qty=qty, unit_cents=unit_cents)
    session.add(line)
    return line


async def awaiting_settlement(session: AsyncSession, clinic_id: int, since: datetime) -> list[Invoice]:
    stmt = select(Invoice).where(
        Invoice.clinic_id == clinic_id,
        Invoice.issued_at >= since,
        Invoice.status == "awaiting_payment",
    )
    return list((await session.execute(stmt)).scalars())


async def record_payment(session: AsyncSession, invoice: Invoice, provider_ref: str, amount_cents: int, status: str) -> Payment:
    payment = Payment(invoice_id=invoice.id, provider_ref=provider_ref, amount_cents=amount_cents, status=status)
    session.add(payment)
    await session.flush()
    return payment


async def payment_by_ref(session: AsyncSession, provider_ref: str) -> Payment | None:
    stmt = select(Payment).where(Payment.provider_ref == provider_ref)
    return (await session.execute(stmt)).scalar_one_or_none()
