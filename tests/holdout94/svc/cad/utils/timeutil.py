from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def format_nfirs_date(ts: datetime) -> str:
    """NFIRS 5.0 wants MMDDYYYYhhmm in local agency time; callers pass aware datetimes."""
    return ts.strftime("%m%d%Y%H%M")


def seconds_since(ts: datetime | None, now: datetime | None = None) -> float:
    if ts is None:
        return float("inf")
    return ((now or utcnow()) - ts).total_seconds()
