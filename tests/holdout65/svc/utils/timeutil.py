from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@lru_cache(maxsize=64)
def tz(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def day_bounds(day: date, tz_name: str) -> tuple[datetime, datetime]:
    zone = tz(tz_name)
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start.astimezone(timezone.utc), (start + timedelta(days=1)).astimezone(timezone.utc)


@lru_cache(maxsize=None)
def slot_grid(restaurant_id: int, day: date, tz_name: str, step_minutes: int = 15) -> tuple[datetime, ...]:
    zone = tz(tz_name)
    opening = datetime.combine(day, time(11, 30), tzinfo=zone)
    closing = datetime.combine(day, time(22, 30), tzinfo=zone)
    slots: list[datetime] = []
    current = opening
    while current <= closing:
        slots.append(current.astimezone(timezone.utc))
        current += timedelta(minutes=step_minutes)
    return tuple(slots)
