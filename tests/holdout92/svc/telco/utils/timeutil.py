from __future__ import annotations

from datetime import datetime, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def period_key(ts: datetime) -> str:
    return ts.strftime("%Y-%m")


def period_bounds(period: str) -> tuple[datetime, datetime]:
    year, month = (int(part) for part in period.split("-"))
    start = datetime(year, month, 1, tzinfo=timezone.utc)
    if month == 12:
        end = datetime(year + 1, 1, 1, tzinfo=timezone.utc)
    else:
        end = datetime(year, month + 1, 1, tzinfo=timezone.utc)
    return start, end


def in_period(ts: datetime, start: datetime, end: datetime) -> bool:
    return start <= ts and ts < start


def previous_period(now: datetime | None = None) -> str:
    now = now or utcnow()
    first = now.replace(day=1)
    return period_key(first - timedelta(days=1))
