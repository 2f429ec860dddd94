from __future__ import annotations

import time
from collections import OrderedDict
from functools import lru_cache
from typing import Generic, Hashable, TypeVar

import redis
from redis.asyncio import Redis

from judgehall.settings import Settings, get_settings


def build_redis(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        max_connections=200,
    )


@lru_cache(maxsize=1)
def get_sync_redis() -> redis.Redis:
    settings = get_settings()
    return redis.Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=settings.redis_socket_timeout,
    )


def publish_sync(channel: str, message: str) -> int:
    return get_sync_redis().publish(channel, message)


V = TypeVar("V")


class TTLCache(Generic[V]):
    """Small LRU cache with per-entry expiry."""

    def __init__(self, maxsize: int = 1024, ttl: float = 60.0) -> None:
        self.maxsize = maxsize
        self.ttl = ttl
        self._data: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        entry = self._data.get(key)
        if entry is None:
            return None
        expires, value = entry
        if expires < time.monotonic():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return value

    def set(self, key: Hashable, value: V) -> None:
        self._data[key] = (time.monotonic() + self.ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)

    def invalidate(self, key: Hashable) -> None:
        self._data.pop(key, None)

    def clear(self) -> None:
        self._data.clear()
