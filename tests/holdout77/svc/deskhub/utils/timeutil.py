from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

SLOT_MINUTES = 30


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def day_bounds(day: date, tz_name: str) -> tuple[datetime, datetime]:
    """UTC start and end of a local calendar day at a location."""
    tz = ZoneInfo(tz_name)
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def opening_hours(day: date, tz_name: str, opens: int = 7, closes: int = 22) -> tuple[datetime, datetime]:
    tz = ZoneInfo(tz_name)
    start = datetime.combine(day, time(hour=opens), tzinfo=tz)
    end = datetime.combine(day, time(hour=closes), tzinfo=tz)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def iter_slots(start: datetime, end: datetime, minutes: int = SLOT_MINUTES) -> Iterator[tuple[datetime, datetime]]:
    step = timedelta(minutes=minutes)
    total = int((end - start).total_seconds()) // 60
    for index in range(total // minutes):
        slot_start = start + index * step
        yield slot_start, slot_start + step


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end


def month_bounds(day: date) -> tuple[date, date]:
    """First day of the month and first day of the next month."""
    first = day.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, nxt


def previous_month(day: date) -> tuple[date, date]:
    first_this, _ = month_bounds(day)
    last_prev = first_this - timedelta(days=1)
    return last_prev.replace(day=1), first_this


def floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)
