"""Court deadlines: rule-based due-date computation and the per-user calendar."""
from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from lexdesk.clients.court_rules import CourtRulesClient
from lexdesk.errors import NotFound
from lexdesk.infra.locks import LoaderCache
from lexdesk.models import Deadline
from lexdesk.repositories.deadlines import DeadlineRepository
from lexdesk.repositories.matters import MatterRepository
from lexdesk.schemas import DeadlineIn
from lexdesk.security import Principal
from lexdesk.services.reminders import ReminderService
from lexdesk.settings import Settings
from lexdesk.utils.dates import add_calendar_days, add_court_days

log = logging.getLogger(__name__)

HOLIDAY_TTL = 12 * 3600
COURT_TIMEZONES = {
    "CACD": "America/Los_Angeles",
    "NDCAL": "America/Los_Angeles",
    "SDNY": "America/New_York",
    "DDEL": "America/New_York",
    "NDILL": "America/Chicago",
    "TXSD": "America/Chicago",
}
FILING_CUTOFF = time(23, 59)


def court_tz(court_code: str) -> ZoneInfo:
    return ZoneInfo(COURT_TIMEZONES.get(court_code.upper(), "America/New_York"))


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """n-th given weekday of the month; n=5 means the last one."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else day - timedelta(days=7)


@lru_cache(maxsize=32)
def bundled_holidays(year: int) -> frozenset[date]:
    """Federal court holidays (FRCP 6(a)(6)); used when the rules service is down."""
    fixed = [date(year, m, d) for m, d in ((1, 1), (6, 19), (7, 4), (11, 11), (12, 25))]
    observed = [d - timedelta(days=1) if d.weekday() == 5 else d + timedelta(days=1) if d.weekday() == 6 else d for d in fixed]
    floating = [_nth_weekday(year, m, wd, n) for m, wd, n in ((1, 0, 3), (2, 0, 3), (5, 0, 5), (9, 0, 1), (10, 0, 2), (11, 3, 4))]
    return frozenset(observed + floating)


class CalendarService:
    def __init__(
        self, settings: Settings, sessions: async_sessionmaker[AsyncSession],
        rules: CourtRulesClient, memo: LoaderCache, reminders: ReminderService,
    ) -> None:
        self._settings = settings
        self._sessions = sessions
        self._rules = rules
        self._memo = memo
        self._reminders = reminders
        self._due_cache: dict[tuple[str, date, int, bool], date] = {}

    async def _load_year(self, court_code: str, year: int) -> frozenset[date]:
        try:
            return frozenset(await self._rules.fetch_holidays(court_code, year))
        except httpx.HTTPError as exc:
            log.warning("court rules unavailable for %s/%s, using federal calendar: %s", court_code, year, exc)
            return bundled_holidays(year)

    async def _holidays(self, court_code: str, years: set[int]) -> frozenset[date]:
        merged: set[date] = set()
        for year in sorted(years):
            merged |= await self._memo.get_or_load(
                f"holidays:{court_code}:{year}", lambda y=year: self._load_year(court_code, y), ttl=HOLIDAY_TTL
            )
        return frozenset(merged)

    async def compute_due(self, court_code: str, trigger: date, days: int, court_days: bool) -> date:
        key = (court_code, trigger, days, court_days)
        if key in self._due_cache:
            return self._due_cache[key]
        horizon = trigger + timedelta(days=days * 2 + 14)
        holidays = await self._holidays(court_code, {trigger.year, horizon.year})
        due = add_court_days(trigger, days, holidays) if court_days else add_calendar_days(trigger, days, holidays)
        self._due_cache[key] = due
        return due

    async def create_deadline(self, principal: Principal, matter_id: int, payload: DeadlineIn) -> Deadline:
        due_day = await self.compute_due(payload.court_code, payload.trigger_date, payload.days, payload.court_days)
        due_at = datetime.combine(due_day, FILING_CUTOFF, tzinfo=court_tz(payload.court_code))
        async with self._sessions() as session, session.begin():
            matter = await MatterRepository(session).get(matter_id)
            if matter is None or matter.firm_id != principal.firm_id:
                raise NotFound("matter", matter_id)
            repo = DeadlineRepository(session)
            deadline = repo.add(
                Deadline(
                    firm_id=principal.firm_id, matter_id=matter_id, title=payload.title,
                    court_code=payload.court_code, rule_ref=payload.rule_ref, due_at=due_at,
                    assigned_to=payload.assigned_to,
                )
            )
            await repo.flush()
            for offset in self._settings.reminder_offsets_days:
                await self._reminders.schedule(deadline.id, offset_days=offset)
            await self._reminders.schedule(session, deadline, due_at - timedelta(hours=6), channel="sms")
        return deadline

    async def upcoming_for_user(self, principal: Principal, days: int = 14) -> list[dict]:
        until = datetime.now(timezone.utc) + timedelta(days=days)
        async with self._sessions() as session:
            deadlines = await DeadlineRepository(session).upcoming_for_assignee(principal.user_id, until)
            matters = MatterRepository(session)
            items = []
            for deadline in deadlines:
                matter = await matters.get(deadline.matter_id)
                summary = {"id": matter.id, "number": matter.number, "title": matter.title} if matter else None
                items.append({"id": deadline.id, "title": deadline.title, "due_at": deadline.due_at.isoformat(),
                              "court": deadline.court_code, "matter": summary})
        return items

    async def get_deadline(self, principal: Principal, deadline_id: int) -> Deadline | None:
        async with self._sessions() as session:
            deadline = await DeadlineRepository(session).get(deadline_id)
        if deadline is None or deadline.firm_id != principal.firm_id:
            return None
        return deadline
