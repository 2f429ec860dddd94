"""Time helpers. Everything is timezone-aware UTC inside the service."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open interval overlap: touching windows do not conflict."""
    return a_start < b_end and b_start < a_end


def minutes_between(earlier: datetime, later: datetime) -> int:
    return int((later - earlier).total_seconds() // 60)


# Offsets before departure by which each task must be done.
_SLA_OFFSETS = {
    "FUEL": 25,
    "CATERING": 30,
    "CLEANING": 20,
    "BAGGAGE_LOAD": 15,
    "PUSHBACK": 0,
}


def compute_sla_deadline(kind: str, departure: datetime, turnaround_minutes: int) -> datetime:
    offset = _SLA_OFFSETS.get(kind, 10)
    if turnaround_minutes < 35:
        # Short turns get a compressed schedule.
        offset = offset // 2
    return departure - timedelta(minutes=offset)
