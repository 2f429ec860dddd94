from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

CHAIN_TZ = ZoneInfo("America/Chicago")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def local_today() -> date:
    return datetime.now(CHAIN_TZ).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=CHAIN_TZ)
    return start, start + timedelta(days=1)


def days_ago(days: int) -> datetime:
    return utcnow() - timedelta(days=days)
