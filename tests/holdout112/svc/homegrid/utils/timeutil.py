from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

SLOT_MINUTES = 30
SLOTS_PER_DAY = 48


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def floor_to_slot(ts: datetime) -> datetime:
    minute = (ts.minute // SLOT_MINUTES) * SLOT_MINUTES
    return ts.replace(minute=minute, second=0, microsecond=0)


def slot_index(ts: datetime, day_start: datetime) -> int:
    delta = ts - day_start
    return int(delta.total_seconds() // (SLOT_MINUTES * 60))


def local_day_bounds(day: date, tz_name: str) -> tuple[datetime, datetime]:
    tz = ZoneInfo(tz_name)
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = start + timedelta(days=1)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def month_bounds(period: str) -> tuple[datetime, datetime]:
    year, month = (int(p) for p in period.split("-"))
    start = datetime(year, month, 1, tzinfo=timezone.utc)
    if month == 12:
        end = datetime(year + 1, 1, 1, tzinfo=timezone.utc)
    else:
        end = datetime(year, month + 1, 1, tzinfo=timezone.utc)
    return start, end


def slot_starts(day_start: datetime, count: int = SLOTS_PER_DAY) -> list[datetime]:
    return [day_start + timedelta(minutes=SLOT_MINUTES * i) for i in range(count)]


def day_slot_count(day: date, tz_name: str) -> int:
    """48 on most days, 46 or 50 on clock-change days."""
    start, end = local_day_bounds(day, tz_name)
    return int((end - start).total_seconds() // (SLOT_MINUTES * 60))


def parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":", 1)
    return time(int(hours), int(minutes))


def next_occurrence(at: time, tz_name: str, now: datetime | None = None) -> datetime:
    tz = ZoneInfo(tz_name)
    local_now = (now or utcnow()).astimezone(tz)
    candidate = datetime.combine(local_now.date(), at, tzinfo=tz)
    if candidate <= local_now:
        candidate = candidate + timedelta(days=1)
    return candidate.astimezone(timezone.utc)
