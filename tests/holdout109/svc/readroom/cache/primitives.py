"""Small caching and coordination primitives."""
from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Generic, TypeVar

import redis.asyncio as aioredis

from readroom.errors import RateLimited


K = TypeVar("K")
V = TypeVar("V")


class TTLCache(Generic[K, V]):
    """Small in-process LRU cache with per-entry expiry."""

    def __init__(self, maxsize: int, ttl: float) -> None:
        self._maxsize = maxsize
        self._ttl = ttl
        self._data: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return value

    def set(self, key: K, value: V) -> None:
        self._data[key] = (time.monotonic() + self._ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self._maxsize:
            self._data.popitem(last=False)

    def invalidate(self, key: K) -> None:
        self._data.pop(key, None)

    def __len__(self) -> int:
        return len(self._data)


_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


@asynccontextmanager
async def redis_lock(client: aioredis.Redis, name: str, ttl_seconds: int) -> AsyncIterator[bool]:
    """Yields True when this process holds the lock, False otherwise."""
    token = uuid.uuid4().hex
    acquired = await client.set(f"lock:{name}", token, nx=True, ex=ttl_seconds)
    try:
        yield bool(acquired)
    finally:
        if acquired:
            await client.eval(_RELEASE, 1, f"lock:{name}", token)


class RedisRateLimiter:
    """Fixed-window limiter shared by all replicas."""

    def __init__(self, client: aioredis.Redis, prefix: str, limit: int, window_seconds: int) -> None:
        self._client = client
        self._prefix = prefix
        self._limit = limit
        self._window = window_seconds

    async def hit(self, subject: str) -> None:
        window = int(time.time() // self._window)
        key = f"rl:{self._prefix}:{subject}:{window}"
        pipe = self._client.pipeline(transaction=True)
        pipe.incr(key)
        pipe.expire(key, self._window + 1)
        count, _ = await pipe.execute()
        if count > self._limit:
            raise RateLimited("too many requests", detail={"retry_after": self._window})
