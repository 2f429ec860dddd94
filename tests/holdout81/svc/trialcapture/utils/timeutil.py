from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def visit_window(anchor: date, day_offset: int, minus: int, plus: int) -> tuple[date, date]:
    target = anchor + timedelta(days=day_offset)
    return target - timedelta(days=minus), target + timedelta(days=plus)


def in_window(actual: date, start: date, end: date) -> bool:
    return start <= actual <= end


def next_run_at(hour_utc: int, now: datetime | None = None) -> datetime:
    now = now or utcnow()
    candidate = datetime.combine(now.date(), time(hour=hour_utc), tzinfo=timezone.utc)
    if candidate <= now:
        candidate += timedelta(days=1)
    return candidate


def expedited_deadline(reported_at: datetime, fatal: bool) -> datetime:
    # ICH E2A: 7 calendar days for fatal or life-threatening SUSARs, 15 otherwise.
    return reported_at + timedelta(days=7 if fatal else 15)
