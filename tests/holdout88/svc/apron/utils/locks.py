"""Locks: per-key asyncio locks for in-process serialisation, and a redis lock for work that must run once."""
from __future__ import annotations

import asyncio
import uuid
import weakref

from redis.asyncio import Redis


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock


_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""

_EXTEND = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""


class RedisLock:
    def __init__(self, redis: Redis, name: str, ttl_ms: int = 30_000) -> None:
        self._redis = redis
        self._key = f"lock:{name}"
        self._ttl_ms = ttl_ms
        self._token = uuid.uuid4().hex
        self._renewer: asyncio.Task[None] | None = None

    async def acquire(self) -> bool:
        ok = await self._redis.set(self._key, self._token, nx=True, px=self._ttl_ms)
        if ok:
            self._renewer = asyncio.create_task(self._renew())
        return bool(ok)

    async def _renew(self) -> None:
        while True:
            await asyncio.sleep(self._ttl_ms / 3000)
            extended = await self._redis.eval(_EXTEND, 1, self._key, self._token, self._ttl_ms)
            if not extended:
                return

    async def release(self) -> None:
        if self._renewer is not None:
            self._renewer.cancel()
        await self._redis.eval(_RELEASE, 1, self._key, self._token)
