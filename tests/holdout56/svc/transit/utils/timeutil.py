"""Time helpers: service days start at 03:00 local time."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("America/Chicago")
SERVICE_DAY_START = time(3, 0)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def from_epoch(seconds: int | float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def service_date(at: datetime) -> date:
    local = at.astimezone(LOCAL_TZ)
    if local.time() < SERVICE_DAY_START:
        return (local - timedelta(days=1)).date()
    return local.date()


def service_day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, SERVICE_DAY_START, tzinfo=LOCAL_TZ)
    return start.astimezone(timezone.utc), (start + timedelta(days=1)).astimezone(timezone.utc)
