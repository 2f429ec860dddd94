from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
LOCAL_TZ = ZoneInfo("Europe/London")


def utcnow() -> dt.datetime:
    return dt.datetime.now(UTC)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First day of the month and first day of the following month."""
    start = dt.date(year, month, 1)
    if month == 12:
        end = dt.date(year + 1, 1, 1)
    else:
        end = dt.date(year, month + 1, 1)
    return start, end


def previous_month(today: dt.date) -> tuple[int, int]:
    first = today.replace(day=1)
    last_prev = first - dt.timedelta(days=1)
    return last_prev.year, last_prev.month


def minute_of_day(ts: dt.datetime) -> int:
    local = ts.astimezone(LOCAL_TZ)
    return local.hour * 60 + local.minute


def period_days(start: dt.date, end: dt.date) -> int:
    return (end - start).days
