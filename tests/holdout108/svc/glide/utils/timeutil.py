from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def elapsed_minutes(start: datetime, end: datetime) -> int:
    seconds = max(0.0, (end - start).total_seconds())
    return max(1, math.ceil(seconds / 60))
