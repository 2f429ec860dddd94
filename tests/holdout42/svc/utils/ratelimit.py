from __future__ import annotations

from dataclasses import dataclass
import time

from redis.asyncio import Redis

from svc.config import settings
from svc.errors import RateLimited

@dataclass
class TokenBucket:
    capacity: float
    refill_per_sec: float
    tokens: float
    updated: float

    def take(self, n: float = 1.0) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.refill_per_sec)
        self.updated = now
        if self.tokens >= n:
            self.tokens -= n
            return True
        return False


_gateway_buckets: dict[str, TokenBucket] = {}


def check_gateway_rate(gateway_id: str) -> None:
    """Limit how often one field gateway may push batches (contractual: N per minute per gateway)."""
    bucket = _gateway_buckets.get(gateway_id)
    if bucket is None:
        per_min = settings.gateway_rate_per_minute
        bucket = TokenBucket(per_min, per_min / 60.0, per_min, time.monotonic())
        _gateway_buckets[gateway_id] = bucket
    if not bucket.take():
        raise RateLimited(f"gateway {gateway_id} over {settings.gateway_rate_per_minute}/min")


class RedisFixedWindow:
    """API-wide limiter shared by all replicas."""

    def __init__(self, redis: Redis, limit: int, window_seconds: int = 60) -> None:
        self._redis = redis
        self._limit = limit
        self._window = window_seconds

    async def hit(self, key: str) -> None:
        bucket = int(time.time() // self._window)
        rkey = f"rl:{key}:{bucket}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(rkey)
            pipe.expire(rkey, self._window * 2)
            count, _ = await pipe.execute()
        if count > self._limit:
            raise RateLimited(key)
