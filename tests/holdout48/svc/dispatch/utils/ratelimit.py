from __future__ import annotations

import time
from collections import defaultdict, deque

from redis.asyncio import Redis


class LocalRateLimiter:
    """Sliding-window limiter kept in process memory."""

    def __init__(self, limit: int, window_s: float = 60.0) -> None:
        self._limit = limit
        self._window = window_s
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        hits = self._hits[key]
        while hits and now - hits[0] > self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return False
        hits.append(now)
        return True


class RedisRateLimiter:
    """Fixed-window limiter shared by all replicas."""

    def __init__(self, redis: Redis, limit: int, window_s: int = 60) -> None:
        self._redis = redis
        self._limit = limit
        self._window = window_s

    async def allow(self, key: str) -> bool:
        bucket = f"rl:{key}:{int(time.time()) // self._window}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, self._window)
            count, _ = await pipe.execute()
        return count <= self._limit
