from __future__ import annotations

from datetime import date, datetime, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def minutes_between(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


def age_minutes(start: datetime, now: datetime | None = None) -> int:
    now = now or utcnow()
    elapsed = now - start
    return int(elapsed.total_seconds() // 60)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def parse_hl7_ts(value: str) -> datetime | None:
    """HL7 v2 TS: YYYYMMDD[HHMM[SS[.S+]]][+/-ZZZZ]."""
    if not value:
        return None
    value = value.strip()
    tz = timezone.utc
    for sign in ("+", "-"):
        if sign in value[8:]:
            base, _, off = value.rpartition(sign)
            hours, minutes = int(off[:2]), int(off[2:4] or 0)
            delta = timedelta(hours=hours, minutes=minutes)
            tz = timezone(delta if sign == "+" else -delta)
            value = base
            break
    value = value.split(".")[0]
    fmt = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}.get(len(value))
    if fmt is None:
        raise ValueError(f"unsupported HL7 timestamp {value!r}")
    return datetime.strptime(value, fmt).replace(tzinfo=tz)


def format_hl7_ts(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S+0000")


def is_after_hours(value: datetime, start_hour: int = 7, end_hour: int = 19) -> bool:
    """Weekend or outside the staffed window; used to route to the overnight teleradiology pool."""
    if value.weekday() >= 5:
        return True
    return not (start_hour <= value.hour < end_hour)


def business_minutes(start: datetime, end: datetime, start_hour: int = 7, end_hour: int = 19) -> int:
    if end <= start:
        return 0
    total = 0
    cursor = start
    while cursor < end:
        step_end = min(end, (cursor + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0))
        if not is_after_hours(cursor, start_hour, end_hour):
            total += int((step_end - cursor).total_seconds() // 60)
        cursor = step_end
    return total
