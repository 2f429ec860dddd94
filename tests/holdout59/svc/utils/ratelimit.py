from __future__ import annotations

import time
from collections import deque

from redis.asyncio import Redis


class SlidingWindowLimiter:
    """Per-key sliding window kept in process memory."""

    def __init__(self, limit: int, window_seconds: float) -> None:
        self.limit = limit
        self.window = window_seconds
        self._hits: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        bucket = self._hits.setdefault(key, deque())
        while bucket and now - bucket[0] > self.window:
            bucket.popleft()
        if len(bucket) >= self.limit:
            return False
        bucket.append(now)
        return True

    def forget(self, key: str) -> None:
        self._hits.pop(key, None)


class RedisFixedWindowLimiter:
    def __init__(self, redis: Redis, prefix: str, limit: int, window_seconds: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._limit = limit
        self._window = window_seconds

    async def allow(self, key: str) -> bool:
        bucket = f"{self._prefix}:{key}:{int(time.time()) // self._window}"
        pipe = self._redis.pipeline()
        pipe.incr(bucket)
        pipe.expire(bucket, self._window)
        count, _ = await pipe.execute()
        return int(count) <= self._limit
