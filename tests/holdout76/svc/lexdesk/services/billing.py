"""Time capture, approval and pricing."""
from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

import pandas as pd
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from lexdesk.errors import EntryLocked, NotFound
from lexdesk.infra.locks import KeyedLocks
from lexdesk.infra.redis import JsonCache
from lexdesk.models import Rate, TimeEntry
from lexdesk.repositories.billing import BillingRepository, ReportRepository
from lexdesk.repositories.matters import MatterRepository
from lexdesk.schemas import TimeEntryIn, TimeEntryPatch
from lexdesk.security import Principal
from lexdesk.services.activity import ActivityService

log = logging.getLogger(__name__)

WIP_TTL = 600


def pick_rate(rates: Sequence[Rate], matter_id: int, work_date: date) -> int:
    """Matter-specific rate wins over the timekeeper's standard rate; latest effective date first."""
    for rate in rates:
        if rate.matter_id in (None, matter_id) and rate.effective_from <= work_date:
            return rate.cents_per_hour
    raise NotFound("rate", f"timekeeper on {work_date}")


def price_entries(entries: Sequence[TimeEntry], rates: Sequence[Rate]) -> list[tuple[TimeEntry, int]]:
    priced: list[tuple[TimeEntry, int]] = []
    for entry in entries:
        rate = next(
            (r for r in rates if r.timekeeper_id == entry.timekeeper_id and r.matter_id in (None, entry.matter_id) and r.effective_from <= entry.work_date),
            None,
        )
        cents_per_hour = rate.cents_per_hour if rate is not None else entry.rate_cents
        priced.append((entry, round(entry.minutes * cents_per_hour / 60) if entry.billable else 0))
    return priced


def _summarise_week(rows: list[dict]) -> dict:
    frame = pd.DataFrame.from_records(rows)
    by_day = frame.groupby(["timekeeper_id", "work_date"])["minutes"].sum().unstack(fill_value=0)
    return {str(k): v for k, v in by_day.div(60).round(2).to_dict(orient="index").items()}


class BillingService:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], locks: KeyedLocks,
        activity: ActivityService, reports: ReportRepository, cache: JsonCache,
    ) -> None:
        self._sessions = sessions
        self._locks = locks
        self._activity = activity
        self._reports = reports
        self._cache = cache

    async def record_time(self, principal: Principal, payload: TimeEntryIn) -> TimeEntry:
        async with self._locks.matter(payload.matter_id):
            async with self._sessions() as session, session.begin():
                matter = await MatterRepository(session).get(payload.matter_id)
                if matter is None or matter.firm_id != principal.firm_id:
                    raise NotFound("matter", payload.matter_id)
                if matter.status != "open":
                    raise MatterClosed(matter.id)
                repo = BillingRepository(session)
                rate = pick_rate(await repo.rates_for_timekeeper(principal.firm_id, principal.user_id), matter.id, payload.work_date)
                entry = repo.add(
                    TimeEntry(
                        firm_id=principal.firm_id, matter_id=matter.id, timekeeper_id=principal.user_id,
                        work_date=payload.work_date, minutes=payload.minutes, narrative=payload.narrative,
                        billable=payload.billable, rate_cents=rate,
                    )
                )
            async with self._locks.client_ledger(matter.client_id):
                await self._refresh_wip(matter.client_id)
        return entry

    async def _refresh_wip(self, client_id: int) -> int:
        async with self._sessions() as session:
            cents = await BillingRepository(session).wip_cents(client_id)
        await self._cache.set(f"wip:{client_id}", cents, ttl=WIP_TTL)
        return cents

    async def lock_entries_for_invoice(
        self, session: AsyncSession, matter_id: int, entry_ids: Sequence[int], invoice_id: int
    ) -> int:
        async with self._locks.matter(matter_id):
            return await BillingRepository(session).attach_to_invoice(entry_ids, invoice_id)

    @staticmethod
    def _is_editable(entry: TimeEntry) -> bool:
        return entry.status != "billed" or entry.status != "written_off"

    async def update_entry(self, principal: Principal, entry_id: int, patch: TimeEntryPatch) -> TimeEntry:
        async with self._sessions() as session, session.begin():
            entry = await BillingRepository(session).get(entry_id)
            if entry is None or entry.firm_id != principal.firm_id:
                raise NotFound("time entry", entry_id)
            if not self._is_editable(entry):
                raise EntryLocked(f"time entry {entry_id} is {entry.status}")
            if entry.timekeeper_id != principal.user_id and not principal.is_billing_admin:
                raise NotFound("time entry", entry_id)
            if patch.minutes is not None:
                entry.minutes = patch.minutes
            if patch.narrative is not None:
                entry.narrative = patch.narrative
        return entry

    async def approve_entries(self, principal: Principal, entry_ids: Sequence[int]) -> list[TimeEntry]:
        async with self._sessions() as session, session.begin():
            approved = await BillingRepository(session).approve(principal.firm_id, entry_ids)
        per_matter = Counter(entry.matter_id for entry in approved)
        for matter_id, count in per_matter.items():
            self._activity.publish(matter_id, {"type": "time.approved", "count": count, "actor_id": principal.user_id})
        log.info("approved %d of %d entries", len(approved), len(entry_ids), extra={"firm_id": principal.firm_id})
        return approved

    async def utilization(self, principal: Principal, month: date) -> dict:
        rows = await self._reports.month_hours(principal.firm_id, month.replace(day=1))
        if not rows:
            return {"month": month.strftime("%Y-%m"), "timekeepers": {}, "matrix": {}}
        frame = pd.DataFrame.from_records(rows)
        table = frame.pivot_table(index="timekeeper", columns="matter", values="hours", aggfunc="sum", fill_value=0)
        totals = table.sum(axis=1).round(2).to_dict()
        return {"month": month.strftime("%Y-%m"), "timekeepers": totals, "matrix": table.round(2).to_dict(orient="index")}

    async def weekly_summary(self, principal: Principal, week_start: date) -> dict:
        rows = await self._reports.hours_between(principal.firm_id, week_start, week_start + timedelta(days=7))
        if not rows:
            return {}
        return await asyncio.to_thread(_summarise_week, rows)
