"""In-process keyed locks and request rate limiters."""
from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import redis.asyncio as redis


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def product(self, product_id: int) -> asyncio.Lock:
        return self._locks[f"product:{product_id}"]

    def user(self, user_id: int) -> asyncio.Lock:
        return self._locks[f"user:{user_id}"]

    @asynccontextmanager
    async def acquire_many(self, *keys: str) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            for key in sorted(set(keys)):
                await stack.enter_async_context(self._locks[key])
            yield


locks = KeyedLocks()


class SlidingWindowLimiter:
    """Simple per-key sliding window (one minute)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        window = self._hits.setdefault(key, deque())
        while window and now - window[0] >= 60.0:
            window.popleft()
        if len(window) >= self.per_minute:
            return False
        window.append(now)
        return True


class RedisRateLimiter:
    def __init__(self, client: redis.Redis, per_minute: int, prefix: str = "rl") -> None:
        self._redis = client
        self.per_minute = per_minute
        self.prefix = prefix

    async def allow(self, key: str) -> bool:
        bucket = f"{self.prefix}:{key}:{int(time.time() // 60)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, 90)
            count, _ = await pipe.execute()
        return int(count) <= self.per_minute
