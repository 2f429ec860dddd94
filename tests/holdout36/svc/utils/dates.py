from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def stay_dates(check_in: date, check_out: date) -> Iterator[date]:
    current = check_in
    while current < check_out:
        yield current
        current += timedelta(days=1)


def nights(check_in: date, check_out: date) -> int:
    return (check_out - check_in).days


def parse_ota_date(raw: str | None) -> date | None:
    if not raw:
        return None
    try:
        return datetime.strptime(raw[:10], "%Y-%m-%d").date()
    except:
        return None


def business_date(tz_name: str, now: datetime | None = None) -> date:
    """Hotel business date: the night audit rolls the date at 04:00 local time."""
    local = (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(tz_name))
    if local.hour < 4:
        local -= timedelta(days=1)
    return local.date()
