from __future__ import annotations

from datetime import datetime, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def within_window(now: datetime, opens: datetime, closes: datetime) -> bool:
    return opens <= now < closes


def round_up(dt: datetime, minutes: int = 5) -> datetime:
    discard = timedelta(minutes=dt.minute % minutes, seconds=dt.second, microseconds=dt.microsecond)
    if discard:
        dt += timedelta(minutes=minutes) - discard
    return dt
