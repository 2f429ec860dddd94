from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def seconds_until(hour: int, minute: int = 0, now: datetime | None = None) -> float:
    now = now or utcnow()
    target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


def minutes_between(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)
