from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager

from app.models import Employee, Timesheet, TimesheetStatus


class TimesheetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, timesheet_id: int) -> Timesheet | None:
        return await self._session.get(Timesheet, timesheet_id)

    async def for_employee_period(self, employee_id: int, period_start: date) -> Timesheet | None:
        stmt = select(Timesheet).where(
            Timesheet.employee_id == employee_id, Timesheet.period_start == period_start
        )
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def for_period(self, period_start: date) -> dict[int, Timesheet]:
        stmt = select(Timesheet).where(Timesheet.period_start == period_start)
        return {t.employee_id: t for t in await self._session.scalars(stmt)}

    async def approved_for_period(self, period_start: date) -> dict[int, Timesheet]:
        stmt = select(Timesheet).where(
            Timesheet.period_start == period_start,
            Timesheet.status.in_([TimesheetStatus.APPROVED, TimesheetStatus.LOCKED]),
        )
        return {t.employee_id: t for t in await self._session.scalars(stmt)}

    async def pending_for_manager(self, manager_id: int, limit: int = 200) -> Sequence[Timesheet]:
        stmt = (
            select(Timesheet)
            .join(Employee, Employee.id == Timesheet.employee_id)
            .options(contains_eager(Timesheet.employee))
            .where(Employee.manager_id == manager_id, Timesheet.status == TimesheetStatus.SUBMITTED)
            .order_by(Timesheet.period_start, Employee.last_name)
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def upsert_totals(
        self,
        employee_id: int,
        period_start: date,
        period_end: date,
        regular: Decimal,
        overtime: Decimal,
        double_time: Decimal,
    ) -> Timesheet:
        sheet = await self.for_employee_period(employee_id, period_start)
        if sheet is None:
            sheet = Timesheet(employee_id=employee_id, period_start=period_start, period_end=period_end)
            self._session.add(sheet)
        sheet.regular_hours = regular
        sheet.overtime_hours = overtime
        sheet.double_time_hours = double_time
        await self._session.flush()
        return sheet

    async def transition(
        self,
        timesheet_id: int,
        from_status: TimesheetStatus,
        to_status: TimesheetStatus,
        actor_id: int,
        at: datetime,
    ) -> bool:
        stmt = (
            update(Timesheet)
            .where(Timesheet.id == timesheet_id, Timesheet.status == from_status)
            .values(status=to_status, approved_by=actor_id, approved_at=at)
            .returning(Timesheet.id)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none() is not None

    async def lock_period(self, period_start: date) -> int:
        result = await self._session.execute(
            update(Timesheet)
            .where(Timesheet.period_start == period_start, Timesheet.status == TimesheetStatus.APPROVED)
            .values(status=TimesheetStatus.LOCKED)
        )
        return result.rowcount or 0
