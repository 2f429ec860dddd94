from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import redis.asyncio as redis

from app.database import SessionFactory
from app.locks import LockNotAcquired, redis_lock
from app.repositories.employees import EmployeeRepository
from app.repositories.timesheets import TimesheetRepository
from app.services.payout_service import PayoutService
from app.services.timesheet_service import TimesheetService
from app.timeutil import utcnow, week_start

log = logging.getLogger(__name__)

PERIOD_ANCHOR = date(2024, 1, 1)


def current_period(today: date) -> tuple[date, date]:
    """Bi-weekly periods anchored on a Monday."""
    offset = ((week_start(today) - PERIOD_ANCHOR).days // 14) * 14
    start = PERIOD_ANCHOR + timedelta(days=offset)
    return start, start + timedelta(days=13)


@dataclass
class Job:
    name: str
    fn: Callable[[], Awaitable[None]]
    every: timedelta | None = None
    at_hour: int | None = None
    singleton: bool = False
    lock_ttl_ms: int = 15 * 60 * 1000
    last_run: datetime | None = field(default=None, repr=False)

    def due(self, now: datetime) -> bool:
        if self.every is not None:
            return self.last_run is None or now - self.last_run >= self.every
        if self.at_hour is not None:
            ran_today = self.last_run is not None and self.last_run.date() == now.date()
            return now.hour == self.at_hour and not ran_today
        return False


class Scheduler:
    def __init__(self, client: redis.Redis, tick_seconds: float = 30.0) -> None:
        self._redis = client
        self._tick = tick_seconds
        self._jobs: list[Job] = []

    def add(self, job: Job) -> None:
        self._jobs.append(job)

    async def _run_job(self, job: Job) -> None:
        if not job.singleton:
            await job.fn()
            return
        try:
            async with redis_lock(self._redis, f"job:{job.name}", ttl_ms=job.lock_ttl_ms):
                await job.fn()
        except LockNotAcquired:
            log.debug("job %s is running on another replica", job.name)

    async def run(self) -> None:
        while True:
            now = utcnow()
            for job in self._jobs:
                if job.due(now):
                    job.last_run = now
                    log.info("running scheduled job %s", job.name)
                    await self._run_job(job)
            await asyncio.sleep(self._tick)


async def close_period(state) -> None:
    period_start, period_end = current_period(utcnow().date() - timedelta(days=1))
    if utcnow().date() != period_end + timedelta(days=1):
        return
    async with SessionFactory() as session:
        built = await TimesheetService(session, state.rules_cache).build_all(period_start, period_end)
        locked = await TimesheetRepository(session).lock_period(period_start)
        await session.commit()
    log.info("closed period %s: %d timesheets built, %d locked", period_start, built, locked)


async def push_hours_to_hr(state) -> None:
    period_start, _ = current_period(utcnow().date() - timedelta(days=1))
    async with SessionFactory() as session:
        employees = {e.id: e for e in await EmployeeRepository(session).active_for_payroll()}
        sheets = await TimesheetRepository(session).approved_for_period(period_start)
    semaphore = asyncio.Semaphore(8)

    async def push_one(employee_id: int) -> None:
        sheet = sheets[employee_id]
        async with semaphore:
            await state.hr.push_hours(
                employees[employee_id].external_id, period_start, sheet.regular_hours, sheet.overtime_hours
            )

    results = await asyncio.gather(
        *(push_one(emp_id) for emp_id in sheets if emp_id in employees), return_exceptions=True
    )
    errors = [r for r in results if isinstance(r, Exception)]
    if errors:
        log.error("pushing hours to HR failed for %d employees: %r", len(errors), errors[:3])


async def apply_bank_returns(state) -> None:
    async with SessionFactory() as session:
        service = PayoutService(session, state.payouts, state.bank, state.settings.payout_dir)
        applied = await service.apply_returns(utcnow() - timedelta(days=3))
    if applied:
        log.warning("applied %d bank returns", applied)


def build_scheduler(state) -> Scheduler:
    scheduler = Scheduler(state.redis)
    scheduler.add(Job("close-period", functools.partial(close_period, state), at_hour=1))
    scheduler.add(
        Job("push-hours", functools.partial(push_hours_to_hr, state), at_hour=3, singleton=True)
    )
    scheduler.add(
        Job(
            "bank-returns",
            functools.partial(apply_bank_returns, state),
            every=timedelta(hours=1),
            singleton=True,
        )
    )
    return scheduler
