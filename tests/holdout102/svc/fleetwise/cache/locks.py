from __future__ import annotations

import asyncio
import uuid
import weakref
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

import redis.asyncio as redis

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@asynccontextmanager
async def redis_lock(client: redis.Redis, name: str, ttl: int = 60, wait: float = 0.0) -> AsyncIterator[str]:
    token = uuid.uuid4().hex
    deadline = asyncio.get_running_loop().time() + wait
    while True:
        if await client.set(name, token, nx=True, ex=ttl):
            break
        if asyncio.get_running_loop().time() >= deadline:
            raise LockNotAcquired(name)
        await asyncio.sleep(0.1)
    try:
        yield token
    finally:
        await client.eval(_RELEASE, 1, name, token)


class KeyedLocks:
    """One asyncio.Lock per key, dropped once nobody holds a reference."""

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock
