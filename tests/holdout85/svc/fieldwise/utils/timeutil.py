from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def season_year(ts: datetime, southern: bool = False) -> int:
    if southern and ts.month < 7:
        return ts.year - 1
    return ts.year


def in_window(now: datetime, window_start: datetime, window_end: datetime) -> bool:
    return window_start <= now <= window_end
