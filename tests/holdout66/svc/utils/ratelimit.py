from __future__ import annotations

import time
from collections import defaultdict

from redis.asyncio import Redis


class InProcessRateLimiter:
    """Sliding one-second window per key."""

    def __init__(self, per_second: int) -> None:
        self._per_second = per_second
        self._hits: defaultdict[str, list[float]] = defaultdict(list)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        window = [t for t in self._hits[key] if now - t < 1.0]
        if len(window) >= self._per_second:
            self._hits[key] = window
            return False
        window.append(now)
        self._hits[key] = window
        return True


class RedisRateLimiter:
    """Fixed-window limiter shared by every replica."""

    def __init__(self, redis: Redis, limit: int, window_seconds: int = 60) -> None:
        self._redis = redis
        self._limit = limit
        self._window = window_seconds

    async def allow(self, key: str) -> bool:
        bucket = f"rl:{key}:{int(time.time()) // self._window}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, self._window + 1)
            count, _ = await pipe.execute()
        return int(count) <= self._limit
