"""Recent-activity ticker shown on the landing page."""
from __future__ import annotations

import time
from collections import deque
from typing import Any

_recent: list[dict[str, Any]] = []
MAX_RECENT = 50


def record_bid(lot_id: int, title: str, amount_cents: int) -> None:
    _recent.append({"lot": lot_id, "title": title, "amount": amount_cents, "at": time.time()})
    del _recent[:-MAX_RECENT]


def recent() -> list[dict[str, Any]]:
    return list(reversed(_recent))


class RollingCounter:
    """Per-process counter for the /metrics endpoint."""

    def __init__(self, size: int = 300) -> None:
        self._buckets: deque[tuple[int, int]] = deque(maxlen=size)

    def add(self, n: int = 1) -> None:
        second = int(time.time())
        if self._buckets and self._buckets[-1][0] == second:
            self._buckets[-1] = (second, self._buckets[-1][1] + n)
        else:
            self._buckets.append((second, n))

    def rate(self, window: int = 60) -> float:
        cutoff = int(time.time()) - window
        return sum(n for s, n in self._buckets if s >= cutoff) / window


bids_counter = RollingCounter()
