from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis.asyncio as aioredis

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(RuntimeError):
    pass


class RedisLock:
    """Single-instance redis lock with an owner token so a holder only ever releases its own lock."""

    def __init__(self, redis: aioredis.Redis, name: str, ttl_ms: int = 30_000) -> None:
        self._redis = redis
        self._name = name
        self._ttl_ms = ttl_ms
        self._token = secrets.token_hex(16)

    async def acquire(self) -> bool:
        return bool(await self._redis.set(self._name, self._token, nx=True, px=self._ttl_ms))

    async def release(self) -> None:
        await self._redis.eval(_RELEASE_SCRIPT, 1, self._name, self._token)


@asynccontextmanager
async def redis_lock(redis: aioredis.Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[None]:
    lock = RedisLock(redis, name, ttl_ms)
    if not await lock.acquire():
        raise LockNotAcquired(name)
    try:
        yield
    finally:
        await lock.release()


class LockRegistry:
    """In-process asyncio locks keyed by yard block, shared by the planner and the crane scheduler."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}

    def block(self, block_id: int) -> asyncio.Lock:
        lock = self._locks.get(block_id)
        if lock is None:
            lock = self._locks[block_id] = asyncio.Lock()
        return lock
