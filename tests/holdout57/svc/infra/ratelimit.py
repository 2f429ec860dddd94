from __future__ import annotations

import time

import redis.asyncio as aioredis


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limited, retry after {retry_after}s")
        self.retry_after = retry_after


class FixedWindowLimiter:
    """Per-key fixed window counter shared by all replicas."""

    def __init__(self, redis: aioredis.Redis, prefix: str, limit: int, window: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._limit = limit
        self._window = window

    async def hit(self, key: str) -> None:
        window_start = int(time.time()) // self._window
        redis_key = f"rl:{self._prefix}:{key}:{window_start}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(redis_key)
            pipe.expire(redis_key, self._window)
            count, _ = await pipe.execute()
        if count > self._limit:
            raise RateLimited(self._window - int(time.time()) % self._window)


class DownloadQuota:
    """Daily document download quota for claimant portal users."""

    def __init__(self, redis: aioredis.Redis, daily_limit: int) -> None:
        self._redis = redis
        self._daily_limit = daily_limit

    async def consume(self, user_id: str) -> int:
        key = f"quota:download:{user_id}:{time.strftime('%Y%m%d')}"
        used = int(await self._redis.get(key) or 0)
        if used >= self._daily_limit:
            raise RateLimited(3600)
        await self._redis.set(key, used + 1, ex=86400)
        return self._daily_limit - used - 1
