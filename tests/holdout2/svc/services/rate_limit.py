"""Request rate limiting per tenant."""
from __future__ import annotations

import time
from collections import defaultdict, deque

import redis.asyncio as redis

from svc.errors import RateLimitedError


class InProcessRateLimiter:
    """Sliding-window limiter: at most ``limit`` hits per ``window`` seconds for each key."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self._limit = limit
        self._window = window
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    async def hit(self, key: str) -> None:
        now = time.monotonic()
        hits = self._hits[key]
        while hits and now - hits[0] > self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            raise RateLimitedError(f"more than {self._limit} requests in {self._window:.0f}s")
        hits.append(now)


class RedisRateLimiter:
    """Fixed-window limiter whose counters live in Redis, shared by every replica."""

    def __init__(self, redis_url: str, limit: int, window: int = 60) -> None:
        self._redis = redis.from_url(redis_url, decode_responses=True)
        self._limit = limit
        self._window = window

    async def hit(self, key: str) -> None:
        bucket = f"ratelimit:{key}:{int(time.time()) // self._window}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, self._window * 2)
            count, _ = await pipe.execute()
        if count > self._limit:
            raise RateLimitedError(f"more than {self._limit} uploads per {self._window}s")

    async def aclose(self) -> None:
        await self._redis.aclose()
