from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache

BUCKETS = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1)}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def month_bounds(moment: datetime) -> tuple[datetime, datetime]:
    start = moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if start.month == 12:
        end = start.replace(year=start.year + 1, month=1)
    else:
        end = start.replace(month=start.month + 1)
    return start, end


def previous_month(moment: datetime) -> tuple[datetime, datetime]:
    start, _ = month_bounds(moment)
    return month_bounds(start - timedelta(days=1))


def floor_to(moment: datetime, bucket: str) -> datetime:
    step = BUCKETS[bucket]
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    return epoch + ((moment - epoch) // step) * step


@lru_cache(maxsize=None)
def bucket_edges(start: datetime, end: datetime, bucket: str) -> tuple[datetime, ...]:
    step = BUCKETS[bucket]
    edges = []
    cursor = floor_to(start, bucket)
    while cursor < end:
        edges.append(cursor)
        cursor += step
    return tuple(edges)


@lru_cache(maxsize=256)
def parse_period(period: str) -> tuple[datetime, datetime]:
    """'2024-05' -> bounds of that month in UTC."""
    year, month = (int(part) for part in period.split("-", 1))
    return month_bounds(datetime(year, month, 1, tzinfo=timezone.utc))
