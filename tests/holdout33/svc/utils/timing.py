"""Time helpers."""
from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from typing import TypeVar

T = TypeVar("T")

EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def backoff_sleep(attempt: int, base: float = 1.0, cap: float = 30.0) -> None:
    """Wait with capped exponential backoff before the next attempt."""
    time.sleep(min(cap, base * 2 ** (attempt - 1)))


def seconds_until(hour: int, minute: int, now: datetime | None = None) -> float:
    now = now or utcnow()
    target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
