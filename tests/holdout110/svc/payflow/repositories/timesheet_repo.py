from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from payflow.errors import NotFound
from payflow.models import ClockEvent, Timesheet, TimesheetApproval, TimesheetStatus


class ClockRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def last_event(self, employee_id: int) -> ClockEvent | None:
        result = await self.session.execute(
            select(ClockEvent)
            .where(ClockEvent.employee_id == employee_id)
            .order_by(ClockEvent.occurred_at.desc())
            .limit(1)
        )
        return result.scalar_one_or_none()

    async def add(self, event: ClockEvent) -> ClockEvent:
        self.session.add(event)
        await self.session.flush()
        return event

    async def list_for_employee_range(
        self, employee_id: int, start: datetime, end: datetime
    ) -> Sequence[ClockEvent]:
        result = await self.session.execute(
            select(ClockEvent)
            .where(
                ClockEvent.employee_id == employee_id,
                ClockEvent.occurred_at >= start,
                ClockEvent.occurred_at < end,
            )
            .order_by(ClockEvent.occurred_at)
        )
        return result.scalars().all()

    async def get(self, event_id: int) -> ClockEvent:
        event = await self.session.get(ClockEvent, event_id)
        if event is None:
            raise NotFound(f"clock event {event_id} not found")
        return event

    async def recent_for_employee(self, employee_id: int, limit: int = 50) -> Sequence[ClockEvent]:
        result = await self.session.execute(
            select(ClockEvent)
            .where(ClockEvent.employee_id == employee_id, ClockEvent.occurred_at >= datetime.now().astimezone() - timedelta(days=31))
            .order_by(ClockEvent.occurred_at.desc())
            .limit(limit)
        )
        return result.scalars().all()

    async def list_for_company(self, company_id: int) -> Sequence[ClockEvent]:
        result = await self.session.execute(
            select(ClockEvent).where(ClockEvent.company_id == company_id).order_by(ClockEvent.occurred_at.desc())
        )
        return result.scalars().all()

    async def list_for_company_range(
        self, company_id: int, start: datetime, end: datetime, limit: int = 5000
    ) -> Sequence[ClockEvent]:
        result = await self.session.execute(
            select(ClockEvent)
            .where(
                ClockEvent.company_id == company_id,
                ClockEvent.occurred_at >= start,
                ClockEvent.occurred_at < end,
            )
            .order_by(ClockEvent.occurred_at)
            .limit(limit)
        )
        return result.scalars().all()


class TimesheetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, timesheet_id: int) -> Timesheet:
        sheet = await self.session.get(Timesheet, timesheet_id)
        if sheet is None:
            raise NotFound(f"timesheet {timesheet_id} not found")
        return sheet

    async def get_for_update(self, timesheet_id: int) -> Timesheet:
        result = await self.session.execute(
            select(Timesheet).where(Timesheet.id == timesheet_id).with_for_update()
        )
        sheet = result.scalar_one_or_none()
        if sheet is None:
            raise NotFound(f"timesheet {timesheet_id} not found")
        return sheet

    async def ensure_period(
        self, company_id: int, employee_id: int, period_start: date, period_end: date
    ) -> Timesheet:
        stmt = (
            insert(Timesheet)
            .values(
                company_id=company_id,
                employee_id=employee_id,
                period_start=period_start,
                period_end=period_end,
                status=TimesheetStatus.OPEN,
            )
            .on_conflict_do_nothing(constraint="uq_timesheets_employee_period")
        )
        await self.session.execute(stmt)
        result = await self.session.execute(
            select(Timesheet).where(
                Timesheet.employee_id == employee_id, Timesheet.period_start == period_start
            )
        )
        return result.scalar_one()

    async def list_pending_for_approver(self, approver_id: int, limit: int = 200) -> Sequence[Timesheet]:
        result = await self.session.execute(
            select(Timesheet)
            .where(Timesheet.approver_id == approver_id, Timesheet.status == TimesheetStatus.SUBMITTED)
            .order_by(Timesheet.submitted_at)
            .limit(limit)
        )
        return result.scalars().all()

    async def list_for_period(
        self, company_id: int, period_start: date, status: TimesheetStatus | None = None
    ) -> Sequence[Timesheet]:
        stmt = select(Timesheet).where(
            Timesheet.company_id == company_id, Timesheet.period_start == period_start
        )
        if status is not None:
            stmt = stmt.where(Timesheet.status == status)
        result = await self.session.execute(stmt)
        return result.scalars().all()

    async def approved_for_employee(self, employee_id: int, period_start: date) -> Timesheet | None:
        result = await self.session.execute(
            select(Timesheet).where(
                Timesheet.employee_id == employee_id,
                Timesheet.period_start == period_start,
                Timesheet.status == TimesheetStatus.APPROVED,
            )
        )
        return result.scalar_one_or_none()

    async def with_approvals(self, timesheet_ids: Sequence[int]) -> Sequence[Timesheet]:
        result = await self.session.execute(
            select(Timesheet)
            .where(Timesheet.id.in_(list(timesheet_ids)))
            .options(selectinload(Timesheet.approvals))
        )
        return result.scalars().all()

    async def add_approval(self, approval: TimesheetApproval) -> None:
        self.session.add(approval)
        await self.session.flush()

    async def lock_period(self, company_id: int, period_start: date) -> int:
        result = await self.session.execute(
            update(Timesheet)
            .where(
                Timesheet.company_id == company_id,
                Timesheet.period_start == period_start,
                Timesheet.status == TimesheetStatus.APPROVED,
            )
            .values(status=TimesheetStatus.LOCKED)
        )
        return result.rowcount or 0
