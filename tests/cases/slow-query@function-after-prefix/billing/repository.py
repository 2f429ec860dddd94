import uuid
from datetime import date, datetime
from typing import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Invoice


class InvoiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def issued_on(self, tenant_id: uuid.UUID, day: date) -> Sequence[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.tenant_id == tenant_id, func.date(Invoice.issued_at) == day)  # expect: slow-query
            .order_by(Invoice.number)
        )
        return (await self._session.scalars(stmt)).all()

    async def issued_between(self, tenant_id: uuid.UUID, start: datetime, end: datetime) -> Sequence[Invoice]:
        stmt = select(Invoice).where(
            Invoice.tenant_id == tenant_id, Invoice.issued_at >= start, Invoice.issued_at < end
        )
        return (await self._session.scalars(stmt)).all()

    async def due_on_any_tenant(self, day: date) -> Sequence[Invoice]:
        stmt = select(Invoice).where(func.date(Invoice.due_at) == day).limit(500)  # expect: slow-query
        return (await self._session.scalars(stmt)).all()

    async def issued_in_week(self, tenant_id: uuid.UUID, week_start: datetime) -> Sequence[Invoice]:
        stmt = select(Invoice).where(
            Invoice.tenant_id == tenant_id,
            func.date_trunc("week", Invoice.issued_at) == week_start,  # expect: slow-query
        )
        return (await self._session.scalars(stmt)).all()

    async def week_totals(self, tenant_id: uuid.UUID) -> Sequence[tuple]:
        week = func.date_trunc("week", Invoice.issued_at)
        stmt = select(week, func.count()).where(Invoice.tenant_id == tenant_id).group_by(week)
        return (await self._session.execute(stmt)).all()

    async def by_number(self, tenant_id: uuid.UUID, number: str) -> Invoice | None:
        stmt = select(Invoice).where(Invoice.tenant_id == tenant_id, func.lower(Invoice.number) == number.lower())
        return await self._session.scalar(stmt)


async def count_issued_on(conn, tenant_id: uuid.UUID, tz: str, day: date) -> int:
    return await conn.fetchval(
        "SELECT count(*) FROM invoices WHERE tenant_id = $1 AND (issued_at AT TIME ZONE $2)::date = $3",  # expect: slow-query
        tenant_id, tz, day,
    )


async def count_issued_between(conn, tenant_id: uuid.UUID, tz: str, day: date) -> int:
    return await conn.fetchval(
        "SELECT count(*) FROM invoices WHERE tenant_id = $1 AND issued_at >= ($3::date AT TIME ZONE $2)"
        " AND issued_at < (($3::date + 1) AT TIME ZONE $2)",
        tenant_id, tz, day,
    )


async def reissue(conn, tenant_id: uuid.UUID, ids: list[uuid.UUID], tz: str, day: date) -> None:
    await conn.execute(
        "UPDATE invoices SET status = 'reissued' WHERE tenant_id = $1 AND id = ANY($2)"
        " AND (issued_at AT TIME ZONE $3)::date = $4",
        tenant_id, ids, tz, day,
    )


async def paid_on(conn, tenant_id: uuid.UUID, day: date) -> int:
    return await conn.fetchval(
        "SELECT count(*) FROM payments p JOIN invoices i ON i.id = p.invoice_id "
        "WHERE i.tenant_id = $1 AND p.status = 'settled' AND date(p.paid_at) = $2",  # expect: slow-query
        tenant_id, day,
    )


async def paid_between(conn, tenant_id: uuid.UUID, start: datetime, end: datetime) -> int:
    return await conn.fetchval(
        "SELECT count(*) FROM payments p JOIN invoices i ON i.id = p.invoice_id "
        "WHERE i.tenant_id = $1 AND p.status = 'settled' AND p.paid_at >= $2 AND p.paid_at < $3",
        tenant_id, start, end,
    )
