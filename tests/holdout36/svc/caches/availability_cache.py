"""Per-hotel availability grid cache shared by the booking engine and the channel sync."""
from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from datetime import date

Grid = dict[tuple[int, date], int]


class AvailabilityCache:
    def __init__(self, ttl_seconds: float = 30.0) -> None:
        self.ttl = ttl_seconds
        self._lock = threading.Lock()
        self._grids: dict[int, tuple[float, Grid]] = {}
        self._stats_lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def _count(self, hit: bool) -> None:
        with self._stats_lock:
            if hit:
                self.hits += 1
            else:
                self.misses += 1

    async def grid(self, hotel_id: int, loader: Callable[[int], Awaitable[Grid]]) -> Grid:
        with self._lock:  # a single loader per process at a time
            entry = self._grids.get(hotel_id)
            if entry is None or time.monotonic() - entry[0] > self.ttl:
                self._count(False)
                fresh = await loader(hotel_id)
                self._grids[hotel_id] = (time.monotonic(), fresh)
                entry = self._grids[hotel_id]
            else:
                self._count(True)
        return dict(entry[1])

    def invalidate(self, hotel_id: int) -> None:
        with self._lock:
            self._grids.pop(hotel_id, None)
