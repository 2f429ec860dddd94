"""Rate limits: one kept in process memory, one in Redis."""
import time
from collections import defaultdict, deque

import redis.asyncio as redis
from fastapi import HTTPException


class MemoryLimiter:
    def __init__(self, limit: int, window: float = 60.0) -> None:
        self._limit = limit
        self._window = window
        self._hits: dict[str, deque[float]] = defaultdict(deque)  # expect: horizontal-scaling-blocker

    async def hit(self, key: str) -> None:
        now = time.monotonic()
        hits = self._hits[key]
        while hits and now - hits[0] > self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            raise HTTPException(429, "too many requests")
        hits.append(now)


class RedisLimiter:
    def __init__(self, client: redis.Redis, limit: int, window: int = 60) -> None:
        self._redis = client
        self._limit = limit
        self._window = window

    async def hit(self, key: str) -> None:
        bucket = f"rl:{key}:{int(time.time()) // self._window}"
        count = await self._redis.incr(bucket)
        await self._redis.expire(bucket, self._window * 2)
        if count > self._limit:
            raise HTTPException(429, "too many uploads")
