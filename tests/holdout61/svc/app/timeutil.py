from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600.0


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def week_start(day: date, first_weekday: int = 0) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def period_bounds(period_start: date, period_end: date, tz: str) -> tuple[datetime, datetime]:
    zone = ZoneInfo(tz)
    start = datetime.combine(period_start, time.min, tzinfo=zone)
    end = datetime.combine(period_end + timedelta(days=1), time.min, tzinfo=zone)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def split_by_day(intervals: list[Interval], tz: str) -> dict[date, float]:
    """Hours worked per local calendar day; intervals crossing midnight are split."""
    zone = ZoneInfo(tz)
    per_day: dict[date, float] = {}
    for interval in intervals:
        cursor = interval.start.astimezone(zone)
        end = interval.end.astimezone(zone)
        while cursor < end:
            midnight = datetime.combine(cursor.date() + timedelta(days=1), time.min, tzinfo=zone)
            chunk_end = min(midnight, end)
            per_day[cursor.date()] = per_day.get(cursor.date(), 0.0) + (
                (chunk_end - cursor).total_seconds() / 3600.0
            )
            cursor = chunk_end
    return per_day


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end
