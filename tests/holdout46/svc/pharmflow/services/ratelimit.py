from __future__ import annotations

import time
from collections import defaultdict, deque

import redis.asyncio as redis


class SubmissionRateLimiter:
    """Sliding window limiter for prescription submissions, keyed by prescriber."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[int, deque[float]] = defaultdict(deque)

    def allow(self, prescriber_id: int) -> bool:
        now = time.monotonic()
        window = self._hits[prescriber_id]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self.per_minute:
            return False
        window.append(now)
        return True


class RedisRateLimiter:
    """Fixed-window limiter shared by every replica."""

    def __init__(self, conn: redis.Redis, prefix: str, limit: int, window_seconds: int = 60) -> None:
        self.conn = conn
        self.prefix = prefix
        self.limit = limit
        self.window = window_seconds

    async def allow(self, key: str) -> bool:
        bucket = int(time.time() // self.window)
        redis_key = f"{self.prefix}:{key}:{bucket}"
        async with self.conn.pipeline(transaction=True) as pipe:
            pipe.incr(redis_key)
            pipe.expire(redis_key, self.window + 1)
            count, _ = await pipe.execute()
        return int(count) <= self.limit

    async def penalise(self, key: str, seconds: int) -> None:
        redis_key = f"{self.prefix}:block:{key}"
        await self.conn.set(redis_key, "1")
        self.conn.expire(redis_key, seconds)

    async def blocked(self, key: str) -> bool:
        return bool(await self.conn.exists(f"{self.prefix}:block:{key}"))
