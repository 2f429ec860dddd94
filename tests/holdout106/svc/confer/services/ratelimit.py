from __future__ import annotations

import time

import redis
import redis.asyncio as aioredis


class LoginThrottle:
    """Fixed-window login throttle shared with the admin CLI (synchronous client)."""

    def __init__(self, client: redis.Redis, limit_per_minute: int) -> None:
        self._r = client
        self.limit = limit_per_minute

    def hit(self, subject: str) -> bool:
        window = int(time.time() // 60)
        key = f"throttle:login:{subject}:{window}"
        pipe = self._r.pipeline()
        pipe.incr(key)
        pipe.expire(key, 120)
        count, _ = pipe.execute()
        return int(count) <= self.limit


class RateLimiter:
    def __init__(self, client: aioredis.Redis, limit: int, window_seconds: int = 60) -> None:
        self._r = client
        self.limit = limit
        self.window = window_seconds

    async def hit(self, subject: str) -> bool:
        window = int(time.time() // self.window)
        key = f"rl:{subject}:{window}"
        async with self._r.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self.window * 2)
            count, _ = await pipe.execute()
        return int(count) <= self.limit
