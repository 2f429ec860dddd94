from __future__ import annotations

import asyncio
import uuid
import weakref
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

import redis.asyncio as redis

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class KeyedLock:
    """One asyncio.Lock per key, dropped once nobody holds a reference to it."""

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def for_key(self, key: object) -> asyncio.Lock:
        name = str(key)
        lock = self._locks.get(name)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[name] = lock
        return lock


PAYRUN_LOCKS = KeyedLock()
PAYOUT_LOCKS = KeyedLock()


class LockNotAcquired(RuntimeError):
    pass


@asynccontextmanager
async def redis_lock(client: redis.Redis, name: str, ttl_ms: int = 60_000) -> AsyncIterator[str]:
    token = uuid.uuid4().hex
    acquired = await client.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield token
    finally:
        await client.eval(_RELEASE_SCRIPT, 1, f"lock:{name}", token)
