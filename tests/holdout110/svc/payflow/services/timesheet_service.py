from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

import structlog

from payflow.errors import Forbidden, InvalidState
from payflow.models import ClockEvent, Employee, Timesheet, TimesheetStatus
from payflow.repositories.people_repo import EmployeeRepository
from payflow.repositories.timesheet_repo import ClockRepository, TimesheetRepository
from payflow.services.audit_service import AuditService
from payflow.services.payroll_calc import split_overtime
from payflow.utils.common import utcnow

log = structlog.get_logger(__name__)


@dataclass(slots=True)
class PeriodStatus:
    period_start: date
    total: int
    submitted: int
    approved: int
    missing: list[int]


def daily_hours(events: list[ClockEvent], start: date, days: int = 7) -> list[Decimal]:
    buckets: dict[date, Decimal] = defaultdict(lambda: Decimal("0"))
    open_in: ClockEvent | None = None
    for ev in events:
        if ev.kind == "in":
            open_in = ev
        elif ev.kind == "out" and open_in is not None:
            seconds = Decimal(str((ev.occurred_at - open_in.occurred_at).total_seconds()))
            buckets[open_in.occurred_at.date()] += (seconds / Decimal(3600)).quantize(Decimal("0.01"))
            open_in = None
    return [buckets[start + timedelta(days=i)] for i in range(days)]


class TimesheetService:
    def __init__(
        self,
        timesheets: TimesheetRepository,
        clock: ClockRepository,
        employees: EmployeeRepository,
        audit: AuditService,
    ) -> None:
        self.timesheets = timesheets
        self.clock = clock
        self.employees = employees
        self.audit = audit

    async def submit(self, sheet_id: int, employee: Employee, approver_user_id: int | None) -> Timesheet:
        sheet = await self.timesheets.get_for_update(sheet_id)
        if sheet.employee_id != employee.id:
            raise Forbidden("not your timesheet")
        if sheet.status not in (TimesheetStatus.OPEN, TimesheetStatus.REJECTED):
            raise InvalidState(f"timesheet is {sheet.status.value}")

        start = datetime.combine(sheet.period_start, time.min, tzinfo=timezone.utc)
        end = start + timedelta(days=(sheet.period_end - sheet.period_start).days + 1)
        events = await self.clock.list_for_employee_range(employee.id, start, end)
        hours = daily_hours(list(events), sheet.period_start, days=(end - start).days)
        regular, overtime = split_overtime(hours, employee.jurisdiction)

        sheet.regular_hours = regular
        sheet.overtime_hours = overtime
        sheet.status = TimesheetStatus.SUBMITTED
        sheet.submitted_at = utcnow()
        sheet.approver_id = approver_user_id
        sheet.approvals_received = 0
        self.audit.record(employee.company_id, None, "timesheet.submitted", "timesheet", sheet.id, {
            "regular": str(regular),
            "overtime": str(overtime),
        })
        return sheet

    async def period_status(self, company_id: int, period_start: date) -> PeriodStatus:
        employees = await self.employees.list_active(company_id)
        sheets = await self.timesheets.list_for_period(company_id, period_start)
        submitted = {s.employee_id for s in sheets if s.status == TimesheetStatus.SUBMITTED}
        approved_ids = [s.employee_id for s in sheets if s.status == TimesheetStatus.APPROVED]

        missing: list[int] = []
        approved = 0
        for emp in employees:
            if emp.id in submitted:
                continue
            if emp.id not in approved_ids:
                missing.append(emp.id)
            else:
                approved += 1
        return PeriodStatus(period_start, len(employees), len(submitted), approved, missing)

    async def schedule_reminders(self, company_id: int, period_start: date, period_end: date, planner) -> int:
        """Plans submission reminders for everyone who has not submitted yet."""
        status = await self.period_status(company_id, period_start)
        if not status.missing:
            return 0
        employees = await self.employees.by_ids(status.missing)
        reminders = [
            planner.plan(company_id, "submit_timesheet", emp.email, period_end, employee_id=emp.id)
            for emp in employees.values()
            if emp.status == "active"
        ]
        self.timesheets.session.add_all(reminders)
        await self.timesheets.session.flush()
        return len(reminders)

    async def lock_period(self, company_id: int, period_start: date, actor_id: int) -> int:
        locked = await self.timesheets.lock_period(company_id, period_start)
        await self.audit.record(company_id, actor_id, "timesheets.locked", "period", period_start.isoformat(), {"count": locked})
        return locked
