"""Request rate limits and billing usage counters."""
from __future__ import annotations

import time
import uuid
from collections import defaultdict, deque

import redis.asyncio as redis

from ..utils.timeutil import utcnow

class LocalRateLimiter:
    """Sliding one-minute window per SDK key."""

    def __init__(self, per_minute: int) -> None:
        self._limit = per_minute
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        window = self._hits[key]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self._limit:
            return False
        window.append(now)
        return True


class RedisRateLimiter:
    """Fixed one-minute window shared by all replicas."""

    def __init__(self, client: redis.Redis, per_minute: int, prefix: str = "rl") -> None:
        self._redis = client
        self._limit = per_minute
        self._prefix = prefix

    async def allow(self, key: str) -> bool:
        bucket = f"{self._prefix}:{key}:{int(time.time() // 60)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, 120)
            count, _ = await pipe.execute()
        return int(count) <= self._limit


USAGE_TTL_SECONDS = 40 * 24 * 3600


class UsageMeter:
    """Billing counters: evaluations per day, monthly active users, exposures per month."""

    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def record_evaluations(self, environment_id: uuid.UUID, count: int) -> None:
        key = f"usage:evals:{environment_id}:{utcnow():%Y%m%d}"
        current = int(await self._redis.get(key) or 0)
        await self._redis.set(key, current + count, ex=USAGE_TTL_SECONDS)

    async def record_active_user(self, environment_id: uuid.UUID, user_key: str) -> None:
        await self._redis.pfadd(f"usage:mau:{environment_id}:{utcnow():%Y%m}", user_key)

    async def record_exposures(self, environment_id: uuid.UUID, count: int) -> None:
        await self._redis.hincrby(f"usage:exposures:{utcnow():%Y%m}", str(environment_id), count)

    async def evaluations_today(self, environment_id: uuid.UUID) -> int:
        return int(await self._redis.get(f"usage:evals:{environment_id}:{utcnow():%Y%m%d}") or 0)
