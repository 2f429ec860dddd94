"""Rate limiting for quiz submissions and chat messages."""

from __future__ import annotations

import time
from collections import defaultdict, deque

from redis.asyncio import Redis

from svc.errors import RateLimitedError


class SlidingWindowLimiter:
    def __init__(self, limit: int, window_seconds: float) -> None:
        self._limit = limit
        self._window = window_seconds
        self._hits: dict[int, deque[float]] = defaultdict(deque)

    def check(self, key: int) -> None:
        now = time.monotonic()
        hits = self._hits[key]
        while hits and now - hits[0] > self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            raise RateLimitedError("too many submissions, try again shortly")
        hits.append(now)


class RedisWindowLimiter:
    """Fixed-window counter shared by all replicas."""

    def __init__(self, redis: Redis, prefix: str, limit: int, window_seconds: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._limit = limit
        self._window = window_seconds

    async def allow(self, key: str) -> bool:
        bucket = f"{self._prefix}:{key}:{int(time.time() // self._window)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, self._window * 2)
            count, _ = await pipe.execute()
        return int(count) <= self._limit
