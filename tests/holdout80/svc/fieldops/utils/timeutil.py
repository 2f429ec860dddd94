from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def business_hours(start: datetime, minutes: int) -> bool:
    end = start + timedelta(minutes=minutes)
    return 7 <= start.hour and end.hour <= 19
