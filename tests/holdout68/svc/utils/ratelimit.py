"""Rate limits for outbound SMS and for public booking endpoints."""
from __future__ import annotations

import time

from redis.asyncio import Redis


class SmsDailyCap:
    """Caps reminder SMS per owner per day so nobody gets spammed after a data fix."""

    def __init__(self, redis: Redis, per_day: int = 3) -> None:
        self.redis = redis
        self.per_day = per_day

    async def allow(self, owner_id: int) -> bool:
        key = f"sms-cap:{owner_id}:{time.strftime('%Y%m%d')}"
        count = int(await self.redis.get(key) or 0)
        if count >= self.per_day:
            return False
        await self.redis.set(key, count + 1, ex=86_400)
        return True


class BookingRateLimit:
    """Fixed-window limit on anonymous booking attempts, shared by every replica."""

    def __init__(self, redis: Redis, limit: int = 20, window_s: int = 60) -> None:
        self.redis = redis
        self.limit = limit
        self.window_s = window_s

    async def hit(self, client_key: str) -> bool:
        window = int(time.time() // self.window_s)
        key = f"rl:book:{client_key}:{window}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self.window_s * 2)
            count, _ = await pipe.execute()
        return count <= self.limit


class ProviderThrottle:
    """Keeps us under the SMS gateway's 30 messages/second account limit."""

    def __init__(self, per_second: int = 30) -> None:
        self.per_second = per_second
        self._window = 0
        self._sent = 0

    def try_acquire(self) -> bool:
        now = int(time.monotonic())
        if now != self._window:
            self._window = now
            self._sent = 0
        if self._sent >= self.per_second:
            return False
        self._sent += 1
        return True
