"""Redis connections and small JSON caching helpers."""
from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def build_main_redis(settings: Settings) -> Redis:
    """Main store for caches, locks and rate limits, resolved through Sentinel."""
    sentinel = Sentinel(
        settings.redis_sentinels,
        socket_timeout=settings.redis_socket_timeout,
        sentinel_kwargs={"socket_timeout": settings.redis_socket_timeout},
    )
    return sentinel.master_for(
        settings.redis_master_name,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        decode_responses=True,
    )


def build_leaderboard_redis(settings: Settings) -> Redis:
    """Sorted sets and pub/sub channels for live class leaderboards."""
    return Redis.from_url(
        settings.leaderboard_redis_url,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        decode_responses=True,
    )


class JsonCache:
    """Namespaced JSON values with a fixed TTL."""

    def __init__(self, redis: Redis, namespace: str, ttl_seconds: int) -> None:
        self._redis = redis
        self._namespace = namespace
        self._ttl = ttl_seconds

    def _key(self, key: str | int) -> str:
        return f"{self._namespace}:{key}"

    async def get(self, key: str | int) -> Any | None:
        raw = await self._redis.get(self._key(key))
        return None if raw is None else json.loads(raw)

    async def set(self, key: str | int, value: Any) -> None:
        await self._redis.set(self._key(key), json.dumps(value, default=str), ex=self._ttl)

    async def invalidate(self, key: str | int) -> None:
        await self._redis.delete(self._key(key))


class RedisRateLimiter:
    """Fixed-window limiter shared by every replica."""

    def __init__(self, redis: Redis, prefix: str, limit: int, window_seconds: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._limit = limit
        self._window = window_seconds

    async def hit(self, subject: str) -> bool:
        key = f"{self._prefix}:{subject}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self._window, nx=True)
            count, _ = await pipe.execute()
        return int(count) <= self._limit
