from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator

import redis.asyncio as aioredis

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(RuntimeError):
    pass


class KeyedLocks:
    """In-process locks keyed by entity id; entries are dropped when nobody waits."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._refs: dict[str, int] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._refs[key] = self._refs.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._refs[key] -= 1
            if self._refs[key] == 0:
                self._refs.pop(key, None)
                self._locks.pop(key, None)


class RedisLock:
    def __init__(self, redis: aioredis.Redis, name: str, ttl_ms: int = 30_000) -> None:
        self._redis = redis
        self._name = f"lock:{name}"
        self._ttl_ms = ttl_ms
        self._token = secrets.token_hex(16)

    async def acquire(self) -> bool:
        return bool(await self._redis.set(self._name, self._token, nx=True, px=self._ttl_ms))

    async def extend(self) -> bool:
        return bool(await self._redis.set(self._name, self._token, xx=True, px=self._ttl_ms))

    async def release(self) -> None:
        await self._redis.eval(_RELEASE, 1, self._name, self._token)


@contextlib.asynccontextmanager
async def redis_lock(redis: aioredis.Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[RedisLock]:
    lock = RedisLock(redis, name, ttl_ms)
    if not await lock.acquire():
        raise LockNotAcquired(name)
    try:
        yield lock
    finally:
        await lock.release()
