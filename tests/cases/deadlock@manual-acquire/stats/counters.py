"""Per-endpoint hit counters, flushed to redis by a periodic task."""
from __future__ import annotations

import threading
from collections import Counter

from redis.asyncio import Redis


class HitCounter:
    def __init__(self) -> None:
        self._hits: Counter[str] = Counter()
        self._guard = threading.Lock()

    def hit(self, endpoint: str) -> None:
        with self._guard:
            self._hits[endpoint] += 1

    async def flush(self, redis: Redis) -> None:
        self._guard.acquire()  # expect: deadlock
        try:
            for endpoint, count in self._hits.items():
                await redis.hincrby("hits", endpoint, count)
            self._hits.clear()
        finally:
            self._guard.release()

    async def flush_snapshot(self, redis: Redis) -> None:
        self._guard.acquire()
        try:
            pending = dict(self._hits)
            self._hits.clear()
        finally:
            self._guard.release()
        for endpoint, count in pending.items():
            await redis.hincrby("hits", endpoint, count)
