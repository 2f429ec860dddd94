from __future__ import annotations

from datetime import UTC, datetime, timedelta


def utcnow() -> datetime:
    return datetime.now(UTC)


def seconds_until(moment: datetime) -> int:
    return max(0, int((moment - utcnow()).total_seconds()))


def with_extra_time(minutes: int, extra_pct: int) -> timedelta:
    """Base duration stretched by an accommodation percentage (e.g. 25 -> time and a quarter)."""
    return timedelta(minutes=minutes * (100 + extra_pct) / 100)
