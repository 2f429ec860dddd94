from __future__ import annotations

import time
from collections import defaultdict

from fastapi import HTTPException

from svc.data.redis_store import cache_redis


class LocalLimiter:
    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self.hits: dict[str, list[float]] = defaultdict(list)

    def check(self, key: str) -> None:
        now = time.monotonic()
        recent = [t for t in self.hits[key] if now - t < self.window]
        if len(recent) >= self.limit:
            raise HTTPException(status_code=429, detail="slow down")
        recent.append(now)
        self.hits[key] = recent


class RedisLimiter:
    async def check(self, key: str, limit: int, window: int) -> None:
        async with cache_redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, window, nx=True)
            count, _ = await pipe.execute()
        if count > limit:
            raise HTTPException(status_code=429, detail="slow down")


local_limiter = LocalLimiter(limit=5, window=60.0)
shared_limiter = RedisLimiter()
