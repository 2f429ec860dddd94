from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def build_cache_client(settings: Settings) -> Redis:
    """Cache and pub/sub traffic go to the sentinel-managed primary."""
    sentinel = Sentinel(
        settings.redis_sentinels,
        socket_timeout=settings.redis_socket_timeout,
        sentinel_kwargs={"socket_timeout": settings.redis_socket_timeout},
    )
    return sentinel.master_for(
        settings.redis_service_name,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        decode_responses=True,
    )


def build_lock_client(settings: Settings) -> Redis:
    """Locks, quotas and rate limits live on the dedicated lock instance."""
    return Redis(
        host=settings.redis_lock_host,
        port=settings.redis_lock_port,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        decode_responses=True,
    )


class JsonCache:
    """Namespaced JSON values in redis with a TTL on every write."""

    def __init__(self, redis: Redis, prefix: str, default_ttl: int = 300) -> None:
        self._redis = redis
        self._prefix = prefix
        self._default_ttl = default_ttl

    def _key(self, key: str) -> str:
        return f"{self._prefix}:{key}"

    async def get(self, key: str) -> Any | None:
        raw = await self._redis.get(self._key(key))
        return json.loads(raw) if raw is not None else None

    async def set(self, key: str, value: Any, ttl: int | None = None) -> None:
        await self._redis.set(self._key(key), json.dumps(value, default=str), ex=ttl or self._default_ttl)

    async def invalidate(self, key: str) -> None:
        await self._redis.delete(self._key(key))
