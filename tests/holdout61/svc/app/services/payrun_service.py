from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from app.clients.tax_tables import TaxTableClient, WithholdingRequest
from app.locks import PAYOUT_LOCKS, PAYRUN_LOCKS
from app.metrics import PAYRUN_DURATION
from app.models import Employee, PayRun, PayRunItem, PayRunStatus, PayType, Timesheet, TimesheetStatus
from app.money import quantize
from app.repositories.employees import EmployeeRepository
from app.repositories.payouts import PayoutRepository
from app.repositories.payruns import PayRunRepository
from app.repositories.timesheets import TimesheetRepository
from app.timeutil import utcnow

log = logging.getLogger(__name__)

PERIODS_PER_YEAR = 26
OVERTIME_MULTIPLIER = Decimal("1.5")
DOUBLE_TIME_MULTIPLIER = Decimal("2")


class PayRunError(Exception):
    pass


class PayRunConflict(PayRunError):
    pass


@dataclass(frozen=True)
class GrossPay:
    regular_hours: Decimal
    overtime_hours: Decimal
    double_time_hours: Decimal
    amount: Decimal


def gross_pay(employee: Employee, sheet: Timesheet | None) -> GrossPay:
    if employee.pay_type is PayType.SALARIED:
        salary = employee.annual_salary or Decimal("0")
        overtime = sheet.overtime_hours if sheet else Decimal("0")
        return GrossPay(Decimal("0"), overtime, Decimal("0"), quantize(salary / PERIODS_PER_YEAR))
    assert sheet is not None
    rate = employee.hourly_rate
    amount = (
        sheet.regular_hours * rate
        + sheet.overtime_hours * rate * OVERTIME_MULTIPLIER
        + sheet.double_time_hours * rate * DOUBLE_TIME_MULTIPLIER
    )
    return GrossPay(sheet.regular_hours, sheet.overtime_hours, sheet.double_time_hours, quantize(amount))


class PayRunService:
    def __init__(
        self,
        session: AsyncSession,
        client: redis.Redis,
        tax: TaxTableClient,
        payouts: PayoutRepository,
        queue_name: str,
    ) -> None:
        self._session = session
        self._redis = client
        self._tax = tax
        self._payouts = payouts
        self._queue = queue_name
        self._runs = PayRunRepository(session)
        self._timesheets = TimesheetRepository(session)
        self._employees = EmployeeRepository(session)

    async def start(self, period_start: date, period_end: date, pay_date: date, actor_id: int) -> PayRun:
        active_key = f"payrun:active:{period_start.isoformat()}"
        if await self._redis.get(active_key):
            raise PayRunConflict(f"a pay run for {period_start} is already in progress")
        run = await self._runs.create(
            PayRun(period_start=period_start, period_end=period_end, pay_date=pay_date, created_by=actor_id)
        )
        await self._session.commit()
        await self._redis.set(active_key, run.id, ex=6 * 3600)
        await self._redis.rpush(self._queue, run.id)
        return run

    async def compute(self, run_id: int) -> int:
        run = await self._runs.get(run_id)
        if run is None:
            raise PayRunError(f"pay run {run_id} not found")
        started = time.perf_counter()
        await self._runs.set_status(run_id, PayRunStatus.RUNNING, at=utcnow())
        await self._session.commit()

        employees = await self._employees.active_for_payroll()
        items: list[PayRunItem] = []
        for employee in employees:
            sheet = await self._timesheets.for_employee_period(employee.id, run.period_start)
            if employee.pay_type is PayType.HOURLY and (
                sheet is None or sheet.status not in (TimesheetStatus.APPROVED, TimesheetStatus.LOCKED)
            ):
                log.info("skipping employee %s: no approved timesheet", employee.id)
                continue
            gross = gross_pay(employee, sheet)
            withheld = await self._tax.withholding(
                WithholdingRequest(
                    employee_ref=employee.external_id,
                    jurisdiction=employee.jurisdiction_code,
                    gross=gross.amount,
                    pay_date=run.pay_date.isoformat(),
                    periods_per_year=PERIODS_PER_YEAR,
                )
            )
            items.append(
                PayRunItem(
                    pay_run_id=run_id,
                    employee_id=employee.id,
                    regular_hours=gross.regular_hours,
                    overtime_hours=gross.overtime_hours,
                    double_time_hours=gross.double_time_hours,
                    gross=gross.amount,
                    tax_withheld=withheld,
                    net=gross.amount - withheld,
                )
            )
        await self._runs.add_items(items)
        await self._runs.set_status(run_id, PayRunStatus.COMPUTED, at=utcnow())
        await self._session.commit()
        PAYRUN_DURATION.observe(time.perf_counter() - started)
        return len(items)

    async def preview(self, period_start: date, pay_date: date) -> dict[str, Decimal]:
        """Estimated totals for a period, without persisting anything."""
        employees = await self._employees.active_for_payroll()
        sheets = await self._timesheets.approved_for_period(period_start)
        requests: list[WithholdingRequest] = []
        gross_by_ref: dict[str, Decimal] = {}
        for employee in employees:
            sheet = sheets.get(employee.id)
            if employee.pay_type is PayType.HOURLY and sheet is None:
                continue
            gross = gross_pay(employee, sheet).amount
            gross_by_ref[employee.external_id] = gross
            requests.append(
                WithholdingRequest(
                    employee_ref=employee.external_id,
                    jurisdiction=employee.jurisdiction_code,
                    gross=gross,
                    pay_date=pay_date.isoformat(),
                    periods_per_year=PERIODS_PER_YEAR,
                )
            )
        withheld = await self._tax.withholding_batch(requests)
        total_gross = sum(gross_by_ref.values(), Decimal("0"))
        total_tax = sum(withheld.values(), Decimal("0"))
        return {"gross": total_gross, "tax": total_tax, "net": total_gross - total_tax}

    async def recompute(self, run_id: int) -> int:
        async with PAYRUN_LOCKS.for_key(run_id):
            run = await self._runs.get(run_id)
            if run is None or run.status is PayRunStatus.PAID:
                raise PayRunConflict("paid runs cannot be recomputed")
            async with PAYOUT_LOCKS.for_key(run_id):
                voided = await self._payouts.void_pending(run_id)
            log.info("recomputing pay run %s, voided %d pending payout batches", run_id, voided)
            return await self.compute(run_id)

    async def cancel(self, run_id: int) -> None:
        run_lock, payout_lock = PAYRUN_LOCKS.for_key(run_id), PAYOUT_LOCKS.for_key(run_id)
        async with run_lock:
            async with payout_lock:
                batch = await self._payouts.batch_for_run(run_id)
                if batch is not None and batch["status"] == "submitted":
                    raise PayRunConflict("payout already submitted to the bank")
                await self._payouts.void_pending(run_id)
            await self._runs.set_status(run_id, PayRunStatus.FAILED, error="cancelled", at=utcnow())
            await self._session.commit()
            run = await self._runs.get(run_id)
            if run is not None:
                await self._redis.delete(f"payrun:active:{run.period_start.isoformat()}")
