from __future__ import annotations

import time
from collections import defaultdict, deque

from redis.asyncio import Redis


class SlidingWindowLimiter:
    """Per-key sliding window used to throttle submissions."""

    def __init__(self, limit: int, window_seconds: float = 60.0) -> None:
        self.limit = limit
        self.window = window_seconds
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        bucket = self._hits[key]
        while bucket and now - bucket[0] > self.window:
            bucket.popleft()
        if len(bucket) >= self.limit:
            return False
        bucket.append(now)
        return True


class RedisFixedWindowLimiter:
    def __init__(self, redis: Redis, prefix: str, limit: int, window_seconds: int) -> None:
        self.redis = redis
        self.prefix = prefix
        self.limit = limit
        self.window = window_seconds

    async def allow(self, key: str) -> bool:
        bucket = int(time.time()) // self.window
        redis_key = f"{self.prefix}:{key}:{bucket}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(redis_key)
            pipe.expire(redis_key, self.window + 1)
            count, _ = await pipe.execute()
        return int(count) <= self.limit
