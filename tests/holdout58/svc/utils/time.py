from __future__ import annotations

from datetime import datetime, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def parse_ts(value: str | int | float) -> datetime:
    """Devices send either epoch milliseconds or ISO-8601 strings."""
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value / 1000.0, tz=timezone.utc)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def hour_bucket(ts: datetime) -> datetime:
    return ts.replace(minute=0, second=0, microsecond=0)


def days_until(moment: datetime, now: datetime | None = None) -> int:
    now = now or utcnow()
    return (moment - now).days


def window(end: datetime, minutes: int) -> tuple[datetime, datetime]:
    return end - timedelta(minutes=minutes), end
