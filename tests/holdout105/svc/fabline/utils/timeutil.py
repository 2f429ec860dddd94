"""Time helpers for SECS/GEM timestamps and shift boundaries."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

GEM_FORMATS = ("%Y%m%d%H%M%S%f", "%Y%m%d%H%M%S", "%y%m%d%H%M%S")
SHIFT_STARTS = (time(6, 0), time(14, 0), time(22, 0))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def parse_gem_timestamp(raw: str) -> datetime:
    """Parse a 12/14/16-digit SECS-II timestamp (format A[16] per E5)."""
    for fmt in GEM_FORMATS:
        try:
            return datetime.strptime(raw.strip(), fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    raise ValueError(f"unrecognised GEM timestamp {raw!r}")


def parse_gem_timestamp_or_now(raw: str | None) -> datetime:
    if not raw:
        return utcnow()
    try:
        return parse_gem_timestamp(raw)
    except:
        return utcnow()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def shift_of(ts: datetime) -> int:
    t = ts.time()
    if SHIFT_STARTS[0] <= t < SHIFT_STARTS[1]:
        return 1
    if SHIFT_STARTS[1] <= t < SHIFT_STARTS[2]:
        return 2
    return 3
