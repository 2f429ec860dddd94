from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import asyncpg
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from lexdesk.models import Invoice, Rate, TimeEntry
from lexdesk.repositories.base import SqlRepository


class BillingRepository(SqlRepository[TimeEntry]):
    model = TimeEntry

    async def rates_for_firm(self, firm_id: int) -> list[Rate]:
        stmt = (
            select(Rate)
            .where(Rate.firm_id == firm_id)
            .order_by(Rate.timekeeper_id, Rate.matter_id.nulls_last(), Rate.effective_from.desc())
        )
        return list(await self._session.scalars(stmt))

    async def rates_for_timekeeper(self, firm_id: int, timekeeper_id: int) -> list[Rate]:
        stmt = (
            select(Rate)
            .where(Rate.firm_id == firm_id, Rate.timekeeper_id == timekeeper_id)
            .order_by(Rate.matter_id.nulls_last(), Rate.effective_from.desc())
        )
        return list(await self._session.scalars(stmt))

    async def unbilled_for_matter(self, matter_id: int, period_end: date) -> list[TimeEntry]:
        stmt = (
            select(TimeEntry)
            .where(
                TimeEntry.matter_id == matter_id,
                TimeEntry.invoice_id.is_(None),
                TimeEntry.status == "approved",
                TimeEntry.work_date <= period_end,
            )
            .order_by(TimeEntry.work_date, TimeEntry.id)
            .with_for_update()
        )
        return list(await self._session.scalars(stmt))

    async def approve(self, firm_id: int, entry_ids: Sequence[int]) -> list[TimeEntry]:
        stmt = (
            update(TimeEntry)
            .where(TimeEntry.firm_id == firm_id, TimeEntry.id.in_(entry_ids), TimeEntry.status == "draft")
            .values(status="approved")
            .returning(TimeEntry)
        )
        return list(await self._session.scalars(stmt))

    async def attach_to_invoice(self, entry_ids: Sequence[int], invoice_id: int) -> int:
        stmt = (
            update(TimeEntry)
            .where(TimeEntry.id.in_(entry_ids), TimeEntry.invoice_id.is_(None))
            .values(invoice_id=invoice_id, status="billed")
        )
        result = await self._session.execute(stmt)
        return result.rowcount or 0

    async def wip_cents(self, client_id: int) -> int:
        from lexdesk.models import Matter

        stmt = (
            select(func.coalesce(func.sum(TimeEntry.minutes * TimeEntry.rate_cents / 60), 0))
            .join(Matter, Matter.id == TimeEntry.matter_id)
            .where(Matter.client_id == client_id, TimeEntry.invoice_id.is_(None), TimeEntry.billable.is_(True))
        )
        return int(await self._session.scalar(stmt) or 0)

    async def max_invoice_number(self, firm_id: int) -> int | None:
        return await self._session.scalar(select(func.max(Invoice.number)).where(Invoice.firm_id == firm_id))

    async def get_invoice(self, invoice_id: int) -> Invoice | None:
        stmt = select(Invoice).options(selectinload(Invoice.lines)).where(Invoice.id == invoice_id)
        return (await self._session.scalars(stmt)).first()

    async def void_invoice(self, firm_id: int, invoice_id: int) -> bool:
        stmt = (
            update(Invoice)
            .where(Invoice.id == invoice_id, Invoice.firm_id == firm_id, Invoice.status.in_(("draft", "sent")))
            .values(status="void")
            .returning(Invoice.id)
        )
        if await self._session.scalar(stmt) is None:
            return False
        await self._session.execute(
            update(TimeEntry).where(TimeEntry.invoice_id == invoice_id).values(invoice_id=None, status="approved")
        )
        return True


class ReportRepository:
    """Hand-written reporting SQL over the raw asyncpg pool."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def month_hours(self, firm_id: int, month: date) -> list[dict]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                """
                SELECT u.name AS timekeeper, m.number AS matter, sum(te.minutes) / 60.0 AS hours
                FROM time_entries te
                JOIN users u ON u.id = te.timekeeper_id
                JOIN matters m ON m.id = te.matter_id
                WHERE te.firm_id = $1
                  AND date_trunc('month', te.work_date) = date_trunc('month', $2::date)
                  AND te.billable
                GROUP BY u.name, m.number
                """,
                firm_id,
                month,
            )
        return [dict(r) for r in rows]

    async def hours_between(self, firm_id: int, start: date, end: date) -> list[dict]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            rows = await conn.fetch(
                """
                SELECT te.timekeeper_id, te.work_date, sum(te.minutes) AS minutes
                FROM time_entries te
                WHERE te.firm_id = $1
                  AND te.work_date >= $2 AND te.work_date < $3
                GROUP BY te.timekeeper_id, te.work_date
                ORDER BY te.work_date
                """,
                firm_id,
                start,
                end,
            )
        return [dict(r) for r in rows]
