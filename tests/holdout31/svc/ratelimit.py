"""Request rate limiting for the driver API and for charge point boot storms."""
from __future__ import annotations

import time
from collections import defaultdict, deque

from redis.asyncio import Redis


class LocalRateLimiter:
    """Sliding one-minute window per key."""

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def check(self, key: str) -> bool:
        now = time.monotonic()
        window = self._hits[key]
        while window and now - window[0] > 60.0:
            window.popleft()
        if len(window) >= self._per_minute:
            return False
        window.append(now)
        return True


class RedisRateLimiter:
    """Fixed-window counter shared by all replicas."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def allow(self, key: str, *, limit: int, window_s: int) -> bool:
        bucket = f"rl:{key}:{int(time.time() // window_s)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, window_s + 1)
            count, _ = await pipe.execute()
        return int(count) <= limit
