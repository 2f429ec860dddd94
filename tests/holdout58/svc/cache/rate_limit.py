"""Rate limits and quotas."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from redis.asyncio import Redis


class RedisRateLimiter:
    """Fixed-window limiter: one counter per key per window."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def hit(self, key: str, limit: int, window_seconds: int) -> bool:
        bucket = f"rl:{key}:{int(time.time()) // window_seconds}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, window_seconds * 2)
            count, _ = await pipe.execute()
        return int(count) <= limit


class CommandQuota:
    """Daily cap on commands a technician may issue to devices."""

    def __init__(self, redis: Redis, daily_limit: int = 500) -> None:
        self._redis = redis
        self._daily_limit = daily_limit

    def _key(self, technician_id: str) -> str:
        return f"quota:cmd:{technician_id}:{date.today().isoformat()}"

    async def consume(self, technician_id: str) -> bool:
        key = self._key(technician_id)
        used = int(await self._redis.get(key) or 0)
        if used >= self._daily_limit:
            return False
        await self._redis.set(key, used + 1, ex=86_400)
        return True

    async def remaining(self, technician_id: str) -> int:
        used = int(await self._redis.get(self._key(technician_id)) or 0)
        return max(0, self._daily_limit - used)


@dataclass
class _Bucket:
    capacity: float
    refill_per_second: float
    tokens: float
    updated: float = field(default_factory=time.monotonic)

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.refill_per_second)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


class ProvisioningThrottle:
    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._buckets: dict[str, _Bucket] = {}

    def allow(self, site_id: str) -> bool:
        bucket = self._buckets.get(site_id)
        if bucket is None:
            bucket = _Bucket(self._per_minute, self._per_minute / 60.0, float(self._per_minute))
            self._buckets[site_id] = bucket
        return bucket.take()
