from __future__ import annotations

import time
from collections import deque

import redis.asyncio as aioredis

from homegrid.errors import RateLimited


class IngestRateLimiter:
    """Per-bridge-client message budget for the telemetry webhook."""

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._windows: dict[str, deque[float]] = {}

    def check(self, client_id: str, cost: int = 1) -> None:
        now = time.monotonic()
        window = self._windows.setdefault(client_id, deque())
        while window and now - window[0] > 60.0:
            window.popleft()
        if len(window) + cost > self._per_minute:
            raise RateLimited("ingest budget exceeded", client_id=client_id)
        window.extend([now] * cost)


class RedisRateLimiter:
    def __init__(self, redis: aioredis.Redis, prefix: str, limit: int, window_seconds: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._limit = limit
        self._window = window_seconds

    async def hit(self, subject: str) -> None:
        bucket = int(time.time()) // self._window
        key = f"{self._prefix}:{subject}:{bucket}"
        count = await self._redis.incr(key)
        if count == 1:
            await self._redis.expire(key, self._window * 2)
        if count > self._limit:
            raise RateLimited("too many requests")
