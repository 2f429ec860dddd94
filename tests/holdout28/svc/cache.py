"""Redis clients and the alert-rule cache."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import asdict, dataclass

import redis.asyncio as aioredis
from cachetools import TTLCache
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def cache_redis(settings: Settings) -> aioredis.Redis:
    sentinel = Sentinel(settings.redis_sentinels, socket_timeout=settings.redis_socket_timeout)
    return sentinel.master_for(
        settings.redis_sentinel_service,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        decode_responses=True,
    )


def stream_redis(settings: Settings) -> aioredis.Redis:
    return aioredis.Redis.from_url(settings.stream_redis_url, decode_responses=True)


def lock_redis(settings: Settings) -> aioredis.Redis:
    return aioredis.Redis(
        host=settings.lock_redis_host,
        port=settings.lock_redis_port,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
    )


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: int
    kind: str
    priority: int
    threshold: float | None = None
    geofence_id: int | None = None
    polygon: tuple[tuple[float, float], ...] | None = None
    sms_to: str | None = None
    cooldown_s: int = 600


class RuleCache:
    """Enabled alert rules per fleet, shared through redis with a short local copy."""

    def __init__(self, redis: aioredis.Redis, ttl: float = 30.0) -> None:
        self._redis = redis
        self._local: TTLCache[int, list[RuleSpec]] = TTLCache(maxsize=2048, ttl=ttl)
        self._mutex = threading.Lock()

    @staticmethod
    def _key(fleet_id: int) -> str:
        return f"rules:{fleet_id}"

    async def get(self, fleet_id: int) -> list[RuleSpec] | None:
        with self._mutex:
            cached = self._local.get(fleet_id)
            if cached is None:
                raw = await self._redis.get(self._key(fleet_id))
                if raw is None:
                    return None
                cached = [RuleSpec(**item) for item in json.loads(raw)]
                self._local[fleet_id] = cached
            return cached

    async def put(self, fleet_id: int, rules: list[RuleSpec]) -> None:
        await self._redis.set(self._key(fleet_id), json.dumps([asdict(r) for r in rules]), ex=300)
        self._local[fleet_id] = list(rules)

    async def invalidate(self, fleet_id: int) -> None:
        self._local.pop(fleet_id, None)
        self._redis.delete(self._key(fleet_id))


class RedisRateLimiter:
    """Fixed-window limiter shared by every replica."""

    def __init__(self, redis: aioredis.Redis, limit: int, window_s: int = 60) -> None:
        self._redis = redis
        self._limit = limit
        self._window_s = window_s

    async def allow(self, subject: str) -> bool:
        window = int(time.time() // self._window_s)
        key = f"ratelimit:{subject}:{window}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self._window_s * 2)
            count, _ = await pipe.execute()
        return int(count) <= self._limit
