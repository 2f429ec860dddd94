"""Request rate limiting."""
from __future__ import annotations

import time
from collections import defaultdict, deque

from redis.asyncio import Redis


class InProcessRateLimiter:
    """Sliding window per client key, used by the HTTP middleware."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self._limit = limit
        self._window = window
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        hits = self._hits[key]
        while hits and hits[0] <= now - self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return False
        hits.append(now)
        return True


class RedisRateLimiter:
    """Fixed-window limiter shared by all replicas; used for the expensive stats endpoints."""

    def __init__(self, redis: Redis, prefix: str = "rl:") -> None:
        self._redis = redis
        self._prefix = prefix

    async def hit(self, key: str, limit: int, window: int = 60) -> bool:
        bucket = f"{self._prefix}{key}:{int(time.time() // window)}"
        current = await self._redis.incr(bucket)
        if current == 1:
            await self._redis.expire(bucket, window)
        return current <= limit
