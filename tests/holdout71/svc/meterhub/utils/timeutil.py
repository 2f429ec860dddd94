from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Dublin")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    start = datetime(month.year, month.month, 1, tzinfo=LOCAL_TZ)
    if month.month == 12:
        end = datetime(month.year + 1, 1, 1, tzinfo=LOCAL_TZ)
    else:
        end = datetime(month.year, month.month + 1, 1, tzinfo=LOCAL_TZ)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def billing_period(billing_day: int, today: date) -> tuple[date, date]:
    end = today.replace(day=min(billing_day, 28))
    if end > today:
        end = (end.replace(day=1) - timedelta(days=1)).replace(day=min(billing_day, 28))
    start = (end.replace(day=1) - timedelta(days=1)).replace(day=min(billing_day, 28))
    return start, end
