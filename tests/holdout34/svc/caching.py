"""Caches: process-local reference data and Redis-backed response caches."""
from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from cachetools import TTLCache
from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

K = TypeVar("K")
V = TypeVar("V")


class BoundedLRU(Generic[K, V]):
    """Small LRU for hot lookups that do not need a TTL."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._max_entries = max_entries
        self._data: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self._max_entries:
            self._data.popitem(last=False)


class TeamNameCache:
    """Team id -> display name. Names change rarely; a short TTL keeps replicas close."""

    def __init__(self, loader: Callable[[], Awaitable[dict[int, str]]]) -> None:
        self._loader = loader
        self._names: TTLCache[int, str] = TTLCache(maxsize=20_000, ttl=300)

    async def name(self, team_id: int) -> str:
        cached = self._names.get(team_id)
        if cached is not None:
            return cached
        fresh = await self._loader()
        self._names.update(fresh)
        return fresh.get(team_id, f"team-{team_id}")


class ReferenceDataCache:
    """Competitions and seasons; reloaded every ``ttl`` seconds."""

    def __init__(self, loader: Callable[[], Awaitable[dict[str, Any]]], ttl: float = 600.0) -> None:
        self._loader = loader
        self._ttl = ttl
        self._mutex = threading.Lock()
        self._data: dict[str, Any] | None = None
        self._loaded_at = 0.0

    async def get(self) -> dict[str, Any]:
        with self._mutex:
            if self._data is None or time.monotonic() - self._loaded_at > self._ttl:
                self._data = await self._loader()
                self._loaded_at = time.monotonic()
            return self._data


class RedisJsonCache:
    """JSON values in Redis with a TTL. Failures degrade to a cache miss."""

    def __init__(self, redis: Redis, prefix: str, ttl: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._ttl = ttl

    async def get(self, key: str) -> Any | None:
        try:
            raw = await self._redis.get(self._prefix + key)
        except RedisError:
            logger.warning("cache read failed for %s", key, exc_info=True)
            return None
        return json.loads(raw) if raw else None

    async def set(self, key: str, value: Any) -> None:
        try:
            await self._redis.set(self._prefix + key, json.dumps(value, default=str), ex=self._ttl)
        except RedisError:
            logger.warning("cache write failed for %s", key, exc_info=True)

    async def invalidate(self, key: str) -> None:
        try:
            await self._redis.delete(self._prefix + key)
        except RedisError:
            logger.warning("cache invalidation failed for %s", key, exc_info=True)
