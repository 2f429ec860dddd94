"""Caching: the shared redis client, small in-process caches, and the redis cache of public payloads."""
from __future__ import annotations

import copy
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

import redis.asyncio as aioredis
from redis.asyncio import Redis

from .config import Settings


_client: aioredis.Redis | None = None


def init_redis(settings: Settings) -> aioredis.Redis:
    global _client
    _client = aioredis.from_url(
        settings.redis_url,
        max_connections=50,
        socket_timeout=10.0,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        decode_responses=True,
    )
    return _client


def redis() -> aioredis.Redis:
    if _client is None:
        raise RuntimeError("redis not initialised")
    return _client


async def close_redis() -> None:
    if _client is not None:
        await _client.aclose()


class TTLCache:
    """Bounded LRU with a per-entry TTL. Values are copied out so callers can't mutate them."""

    def __init__(self, maxsize: int = 1024, ttl: float = 60.0) -> None:
        self._data: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._maxsize = maxsize
        self._ttl = ttl

    def get(self, key: str) -> Any | None:
        item = self._data.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return copy.deepcopy(value)

    def set(self, key: str, value: Any) -> None:
        self._data[key] = (time.monotonic() + self._ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self._maxsize:
            self._data.popitem(last=False)

    def delete(self, key: str) -> None:
        self._data.pop(key, None)


class LoadingCache:
    """Cache with a loader; shared between the API and the worker threads that render feeds."""

    def __init__(self, loader: Callable[[str], Awaitable[Any]], ttl: float = 30.0) -> None:
        self._loader = loader
        self._ttl = ttl
        self._values: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    async def get(self, key: str) -> Any:
        now = time.monotonic()
        with self._lock:
            hit = self._values.get(key)
            if hit and hit[0] > now:
                return hit[1]
            value = await self._loader(key)
            self._values[key] = (now + self._ttl, value)
            return value

    def invalidate(self, key: str) -> None:
        with self._lock:
            self._values.pop(key, None)


log = logging.getLogger(__name__)

ARTICLE_TTL = 300


class ArticleCache:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    @staticmethod
    def _key(tenant_id: str, slug: str) -> str:
        return f"art:{tenant_id}:{slug}"

    async def get(self, tenant_id: str, slug: str) -> dict | None:
        raw = await self._redis.get(self._key(tenant_id, slug))
        return json.loads(raw) if raw else None

    async def put(self, tenant_id: str, slug: str, payload: dict) -> None:
        await self._redis.set(self._key(tenant_id, slug), json.dumps(payload), ex=ARTICLE_TTL)

    async def invalidate(self, tenant_id: str, slug: str) -> None:
        await self._redis.delete(self._key(tenant_id, slug))

    async def bump_views(self, tenant_id: str, article_id: int) -> int:
        return await self._redis.incr(f"views:{tenant_id}:{article_id}")

    async def feed(self, partner_slug: str) -> bytes | None:
        return await self._redis.get(f"feed:{partner_slug}")

    async def store_feed(self, partner_slug: str, body: str) -> None:
        await self._redis.set(f"feed:{partner_slug}", body, ex=120)

    async def trending(self, tenant_id: str, limit: int = 10) -> list[str]:
        return await self._redis.zrevrange(f"trending:{tenant_id}", 0, limit - 1)
