from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

import redis.asyncio as aioredis

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class KeyedLocks:
    """In-process asyncio locks keyed by an identifier (employer id, campaign id...)."""

    def __init__(self) -> None:
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def get(self, key: str) -> asyncio.Lock:
        return self._locks[key]


class LockNotAcquired(Exception):
    pass


class RedisLock:
    """Single-instance redis lock with a TTL and token-checked release."""

    def __init__(self, redis: aioredis.Redis, name: str, ttl: int = 60) -> None:
        self._redis = redis
        self._name = f"lock:{name}"
        self._ttl = ttl
        self._token = uuid.uuid4().hex

    async def acquire(self) -> bool:
        return bool(await self._redis.set(self._name, self._token, nx=True, ex=self._ttl))

    async def release(self) -> None:
        await self._redis.eval(_RELEASE_SCRIPT, 1, self._name, self._token)


@asynccontextmanager
async def redis_lock(redis: aioredis.Redis, name: str, ttl: int = 60) -> AsyncIterator[None]:
    lock = RedisLock(redis, name, ttl)
    if not await lock.acquire():
        raise LockNotAcquired(name)
    try:
        yield
    finally:
        await lock.release()
