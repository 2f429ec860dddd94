from __future__ import annotations

import time
from collections import defaultdict, deque

import redis.asyncio as redis
from fastapi import HTTPException, status

_windows: dict[str, deque[float]] = defaultdict(deque)


def check_local(key: str, limit: int, per_seconds: float = 60.0) -> None:
    """Sliding-window limiter used for search and profile lookups."""
    now = time.monotonic()
    window = _windows[key]
    while window and now - window[0] > per_seconds:
        window.popleft()
    if len(window) >= limit:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down")
    window.append(now)


class RedisRateLimiter:
    """Fixed-window limiter shared by every replica."""

    def __init__(self, client: redis.Redis, prefix: str = "rl") -> None:
        self._redis = client
        self._prefix = prefix

    async def hit(self, key: str, limit: int, per_seconds: int = 60) -> None:
        bucket = int(time.time() // per_seconds)
        rkey = f"{self._prefix}:{key}:{bucket}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(rkey)
            pipe.expire(rkey, per_seconds * 2)
            count, _ = await pipe.execute()
        if count > limit:
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "rate limit exceeded")
