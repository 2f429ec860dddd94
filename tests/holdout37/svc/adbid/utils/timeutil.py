"""Time helpers: UTC days, hour fractions for pacing."""
from __future__ import annotations

from datetime import date, datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def fraction_of_day_elapsed(at: datetime) -> float:
    midnight = at.replace(hour=0, minute=0, second=0, microsecond=0)
    return (at - midnight).total_seconds() / 86400.0


def parse_day(text: str) -> date:
    return date.fromisoformat(text)
