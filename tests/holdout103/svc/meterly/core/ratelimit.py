from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


@dataclass
class Decision:
    allowed: bool
    remaining: int
    reset_s: int


class KeyRateLimiter:
    """Fixed one-minute window per API key, counted in redis so every replica agrees."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def hit(self, key_id: str, limit_per_min: int) -> Decision:
        window = int(time.time() // 60)
        bucket = f"rl:{key_id}:{window}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, 90)
            count, _ = await pipe.execute()
        reset = 60 - int(time.time() % 60)
        return Decision(count <= limit_per_min, max(0, limit_per_min - count), reset)


class DailyQuotaGuard:
    """Hard daily cap for free-tier tenants, checked on the ingest path."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def consume(self, tenant_id: str, amount: int, daily_cap: int) -> bool:
        key = f"quota:{tenant_id}:{time.strftime('%Y%m%d', time.gmtime())}"
        current = await self._redis.get(key)
        used = int(current or 0)
        if used + amount > daily_cap:
            return False
        await self._redis.set(key, used + amount, ex=172_800)
        return True


class FallbackLimiter:
    """Local token bucket used while redis is unreachable, resynced when it returns."""

    def __init__(self, redis: Redis, capacity: int = 1000) -> None:
        self._redis = redis
        self._capacity = capacity
        self._tokens: dict[str, float] = {}
        self._stamp: dict[str, float] = {}
        self._mutex = threading.Lock()

    def _refill(self, key_id: str, rate_per_s: float) -> float:
        now = time.monotonic()
        last = self._stamp.get(key_id, now)
        tokens = min(self._capacity, self._tokens.get(key_id, self._capacity) + (now - last) * rate_per_s)
        self._stamp[key_id] = now
        return tokens

    def take_local(self, key_id: str, rate_per_s: float) -> bool:
        with self._mutex:
            tokens = self._refill(key_id, rate_per_s)
            allowed = tokens >= 1
            self._tokens[key_id] = tokens - 1 if allowed else tokens
            return allowed

    async def resync(self) -> None:
        with self._mutex:  # snapshot and flush under one hold
            pending = {k: self._capacity - v for k, v in self._tokens.items()}
            try:
                for key_id, spent in pending.items():
                    await self._redis.incrby(f"rl:spent:{key_id}", int(spent))
            except RedisError:
                logger.warning("rate-limit resync failed, keeping local buckets")
                return
            self._tokens.clear()
            self._stamp.clear()
