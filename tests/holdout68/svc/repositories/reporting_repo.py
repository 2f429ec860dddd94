"""Read-only queries for clinic managers, served from the reporting replica."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from svc.config import get_settings
from svc.db.models import Appointment, Invoice


async def appointments_on(clinic_id: int, day: date) -> list[dict]:
    replica = create_async_engine(get_settings().reporting_database_url, pool_size=2)
    try:
        async with replica.connect() as conn:
            stmt = (
                select(Appointment.id, Appointment.vet_id, Appointment.starts_at, Appointment.status)
                .where(Appointment.clinic_id == clinic_id)
                .where(func.date(Appointment.starts_at) == day)
                .order_by(Appointment.starts_at)
            )
            rows = (await conn.execute(stmt)).mappings().all()
    finally:
        await replica.dispose()
    return [dict(r) for r in rows]


async def revenue_by_day(conn, clinic_id: int, start: date, end: date) -> list[dict]:
    stmt = (
        select(func.date_trunc("day", Invoice.issued_at).label("day"), func.sum(Invoice.total_cents).label("total"))
        .where(Invoice.clinic_id == clinic_id, Invoice.issued_at >= start, Invoice.issued_at < end)
        .group_by("day")
        .order_by("day")
    )
    return [dict(r) for r in (await conn.execute(stmt)).mappings().all()]
