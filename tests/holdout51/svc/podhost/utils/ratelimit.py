"""Rate limiting for the public download and API endpoints."""
from __future__ import annotations

import time
from collections import defaultdict, deque

from redis.asyncio import Redis


class RedisRateLimiter:
    """Fixed-window limiter shared by every replica."""

    def __init__(self, redis: Redis, prefix: str, limit: int, window: int = 60) -> None:
        self._redis = redis
        self._prefix = prefix
        self._limit = limit
        self._window = window

    async def allow(self, identity: str) -> bool:
        bucket = int(time.time() // self._window)
        key = f"{self._prefix}:{identity}:{bucket}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self._window * 2)
            count, _ = await pipe.execute()
        return int(count) <= self._limit


class SlidingWindowLimiter:
    """Per-process sliding window for download redirects."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self._limit = limit
        self._window = window
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, identity: str) -> bool:
        now = time.monotonic()
        hits = self._hits[identity]
        while hits and now - hits[0] > self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return False
        hits.append(now)
        return True
