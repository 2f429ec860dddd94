from __future__ import annotations

from datetime import datetime, timedelta, timezone


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def days_between(start: datetime, end: datetime) -> int:
    return max(0, (end - start).days)


def add_days(moment: datetime, days: int) -> datetime:
    return moment + timedelta(days=days)
