from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from cachetools import TTLCache
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def create_cache_redis(settings: Settings) -> Redis:
    """Primary cache / pub-sub client, resolved through Sentinel."""
    sentinel = Sentinel(
        settings.redis_sentinels,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
    )
    return sentinel.master_for(
        settings.redis_service_name,
        socket_timeout=settings.redis_socket_timeout,
        decode_responses=True,
    )


def create_lock_redis(settings: Settings) -> Redis:
    """Client used for distributed locks and webhook idempotency keys."""
    return Redis(
        host=settings.redis_lock_host,
        port=settings.redis_lock_port,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        decode_responses=True,
    )


class JsonCache:
    """Small read-through cache on redis with a TTL on every key."""

    def __init__(self, redis: Redis, prefix: str, ttl_seconds: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._ttl = ttl_seconds

    async def get_or_load(self, key: str, loader: Callable[[], Awaitable[Any]]) -> Any:
        full_key = f"{self._prefix}:{key}"
        raw = await self._redis.get(full_key)
        if raw is not None:
            return json.loads(raw)
        value = await loader()
        await self._redis.set(full_key, json.dumps(value, default=str), ex=self._ttl)
        return value

    async def invalidate(self, key: str) -> None:
        await self._redis.delete(f"{self._prefix}:{key}")


class TaxTableCache:
    """Per-process cache of jurisdiction tax tables fetched from the tax engine."""

    def __init__(self) -> None:
        self._tables: TTLCache[str, dict[str, str]] = TTLCache(maxsize=512, ttl=3600)

    def get(self, country: str) -> dict[str, str] | None:
        return self._tables.get(country)

    def put(self, country: str, table: dict[str, str]) -> None:
        self._tables[country] = table

