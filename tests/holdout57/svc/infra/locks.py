"""Distributed locks on top of redis SET NX with a fencing token."""
from __future__ import annotations

import asyncio
import secrets
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis.asyncio as aioredis

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


class RedisLock:
    def __init__(self, redis: aioredis.Redis, key: str, ttl: int, wait: float = 5.0) -> None:
        self._redis = redis
        self._key = f"lock:{key}"
        self._ttl = ttl
        self._wait = wait
        self._token = secrets.token_hex(16)

    async def acquire(self) -> None:
        deadline = asyncio.get_running_loop().time() + self._wait
        while True:
            if await self._redis.set(self._key, self._token, nx=True, ex=self._ttl):
                return
            if asyncio.get_running_loop().time() >= deadline:
                raise LockNotAcquired(self._key)
            await asyncio.sleep(0.05)

    async def release(self) -> None:
        await self._redis.eval(_RELEASE_SCRIPT, 1, self._key, self._token)


@asynccontextmanager
async def redis_lock(redis: aioredis.Redis, key: str, ttl: int = 30, wait: float = 5.0) -> AsyncIterator[None]:
    lock = RedisLock(redis, key, ttl, wait)
    await lock.acquire()
    try:
        yield
    finally:
        await lock.release()


async def try_leader(redis: aioredis.Redis, name: str, ttl: int) -> bool:
    """Returns True when this replica holds the named job lease for the next ``ttl`` seconds."""
    return bool(await redis.set(f"lease:{name}", secrets.token_hex(8), nx=True, ex=ttl))


class KeyedLocks:
    """Process-local asyncio locks keyed by name; entries disappear once no coroutine holds them."""

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    def claim(self, claim_id: int) -> asyncio.Lock:
        return self.get(f"claim:{claim_id}")

    def ledger(self) -> asyncio.Lock:
        return self.get("ledger")
