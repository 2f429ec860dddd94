from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.caches import JurisdictionRulesCache
from app.models import Employee, Timesheet, TimesheetStatus
from app.repositories.employees import EmployeeRepository
from app.repositories.punches import PunchRepository
from app.repositories.timesheets import TimesheetRepository
from app.services.overtime import OvertimeRules, attendance_intervals, period_breakdown
from app.timeutil import period_bounds, utcnow

log = logging.getLogger(__name__)

DEFAULT_TZ = "America/Los_Angeles"


class TimesheetError(Exception):
    status_code = 409


class NotFound(TimesheetError):
    status_code = 404


class Forbidden(TimesheetError):
    status_code = 403


@dataclass(frozen=True)
class AttendanceRow:
    employee_id: int
    hours: float
    intervals: int


class TimesheetService:
    def __init__(self, session: AsyncSession, rules: JurisdictionRulesCache) -> None:
        self._session = session
        self._rules = rules
        self._sheets = TimesheetRepository(session)
        self._punches = PunchRepository(session)
        self._employees = EmployeeRepository(session)

    async def _overtime_rules(self, employee: Employee) -> OvertimeRules:
        return OvertimeRules.from_dict(await self._rules.get(employee.jurisdiction_code))

    async def build(self, employee: Employee, period_start: date, period_end: date) -> Timesheet:
        start, end = period_bounds(period_start, period_end, DEFAULT_TZ)
        punches = await self._punches.for_period(employee.id, start, end)
        rules = await self._overtime_rules(employee)
        regular, overtime, double = period_breakdown(employee.id, punches, rules, DEFAULT_TZ).as_decimals()
        return await self._sheets.upsert_totals(
            employee.id, period_start, period_end, regular, overtime, double
        )

    async def build_all(self, period_start: date, period_end: date) -> int:
        employees = await self._employees.active_for_payroll()
        start, end = period_bounds(period_start, period_end, DEFAULT_TZ)
        punches = await self._punches.for_period_many([e.id for e in employees], start, end)
        existing = await self._sheets.for_period(period_start)
        count = 0
        for employee in employees:
            sheet = existing.get(employee.id)
            if sheet is None:
                sheet = Timesheet(employee_id=employee.id, period_start=period_start, period_end=period_end)
                self._session.add(sheet)
            elif sheet.status in (TimesheetStatus.APPROVED, TimesheetStatus.LOCKED):
                continue
            employee_rules = await self._overtime_rules(employee)
            breakdown = period_breakdown(
                employee.id, punches.get(employee.id, []), employee_rules, DEFAULT_TZ
            )
            sheet.regular_hours, sheet.overtime_hours, sheet.double_time_hours = breakdown.as_decimals()
            count += 1
        await self._session.commit()
        return count

    async def submit(self, timesheet_id: int, employee_id: int) -> Timesheet:
        sheet = await self._sheets.get(timesheet_id)
        if sheet is None:
            raise NotFound(f"timesheet {timesheet_id} not found")
        if sheet.employee_id != sheet.employee_id:
            raise Forbidden("cannot submit another employee's timesheet")
        ok = await self._sheets.transition(
            timesheet_id, TimesheetStatus.OPEN, TimesheetStatus.SUBMITTED, employee_id, utcnow()
        )
        if not ok:
            raise TimesheetError("timesheet is not open")
        await self._session.commit()
        return sheet

    async def approve(self, timesheet_id: int, manager_id: int, *, commit: bool = True) -> Timesheet:
        sheet = await self._sheets.get(timesheet_id)
        if sheet is None:
            raise NotFound(f"timesheet {timesheet_id} not found")
        employee = await self._employees.get(sheet.employee_id)
        if employee is None or employee.manager_id != manager_id:
            raise Forbidden("only the employee's manager can approve")
        if sheet.status != TimesheetStatus.SUBMITTED:
            raise TimesheetError(f"timesheet is {sheet.status.value}, not submitted")
        sheet.status = TimesheetStatus.APPROVED
        sheet.approved_by = manager_id
        sheet.approved_at = utcnow()
        if commit:
            await self._session.commit()
        return sheet

    async def bulk_approve(self, timesheet_ids: list[int], manager_id: int) -> dict[int, str]:
        outcome: dict[int, str] = {}
        for timesheet_id in timesheet_ids:
            try:
                await self.approve(timesheet_id, manager_id, commit=False)
                outcome[timesheet_id] = "approved"
            except TimesheetError as exc:
                outcome[timesheet_id] = str(exc)
        await self._session.commit()
        return outcome

    async def reject(self, timesheet_id: int, manager_id: int) -> None:
        ok = await self._sheets.transition(
            timesheet_id, TimesheetStatus.SUBMITTED, TimesheetStatus.REJECTED, manager_id, utcnow()
        )
        if not ok:
            raise TimesheetError("timesheet is not awaiting approval")
        await self._session.commit()

    async def correct_hours(self, timesheet_id: int, manager_id: int, regular: float, overtime: float) -> Timesheet:
        sheet = await self._sheets.get(timesheet_id)
        if sheet is None:
            raise NotFound(f"timesheet {timesheet_id} not found")
        if sheet.status == TimesheetStatus.LOCKED or TimesheetStatus.APPROVED:
            raise TimesheetError("approved or locked timesheets cannot be corrected")
        sheet.regular_hours = regular
        sheet.overtime_hours = overtime
        await self._session.commit()
        return sheet

    async def daily_attendance(self, day: date, location_id: int) -> list[AttendanceRow]:
        punches = await self._punches.on_day(day, location_id)
        per_employee = await asyncio.to_thread(attendance_intervals, list(punches))
        return [
            AttendanceRow(employee_id=emp, hours=round(sum(i.hours for i in ivs), 2), intervals=len(ivs))
            for emp, ivs in sorted(per_employee.items())
        ]
