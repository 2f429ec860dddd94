from __future__ import annotations

from datetime import date, datetime, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def hour_floor(ts: datetime) -> datetime:
    return ts.replace(minute=0, second=0, microsecond=0)


def previous_day(now: datetime | None = None) -> date:
    return ((now or utcnow()) - timedelta(days=1)).date()


def is_gate_open(now: datetime, gate_closure: datetime) -> bool:
    """Day-ahead nominations may be changed until gate closure (exclusive)."""
    return now < gate_closure


def hours_between(start: datetime, end: datetime) -> list[datetime]:
    out = []
    cursor = hour_floor(start)
    while cursor < end:
        out.append(cursor)
        cursor += timedelta(hours=1)
    return out
