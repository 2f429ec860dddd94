from __future__ import annotations

import time
from collections import defaultdict, deque

import redis.asyncio as aioredis

from glide.errors import TooManyRequests


class UnlockThrottle:
    """Limits how often a rider can attempt to unlock vehicles."""

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._windows: dict[str, deque[float]] = defaultdict(deque)

    def check(self, rider_id: str) -> None:
        now = time.monotonic()
        window = self._windows[rider_id]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self._per_minute:
            raise TooManyRequests("too many unlock attempts")
        window.append(now)


class RedisRateLimiter:
    def __init__(self, redis: aioredis.Redis, prefix: str, limit: int, window_s: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._limit = limit
        self._window_s = window_s

    async def hit(self, subject: str) -> None:
        bucket = int(time.time() // self._window_s)
        key = f"rl:{self._prefix}:{subject}:{bucket}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self._window_s * 2)
            count, _ = await pipe.execute()
        if count > self._limit:
            raise TooManyRequests("rate limit exceeded")
