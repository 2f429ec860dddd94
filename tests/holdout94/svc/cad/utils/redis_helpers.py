from __future__ import annotations

import asyncio
import json
import uuid
import weakref
from contextlib import asynccontextmanager
from typing import Any

import redis.asyncio as aioredis

_RELEASE_LUA = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockRegistry:
    """Per-entity asyncio locks for this process (incident and unit mutations)."""

    def __init__(self) -> None:
        self._incidents: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
        self._units: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    def incident(self, incident_id: int) -> asyncio.Lock:
        lock = self._incidents.get(incident_id)
        if lock is None:
            lock = asyncio.Lock()
            self._incidents[incident_id] = lock
        return lock

    def unit(self, unit_id: int) -> asyncio.Lock:
        lock = self._units.get(unit_id)
        if lock is None:
            lock = asyncio.Lock()
            self._units[unit_id] = lock
        return lock


class RedisLock:
    def __init__(self, redis: aioredis.Redis, name: str, ttl: int = 60) -> None:
        self._redis = redis
        self._key = f"lock:{name}"
        self._ttl = ttl
        self._token = uuid.uuid4().hex

    async def acquire(self) -> bool:
        return bool(await self._redis.set(self._key, self._token, nx=True, ex=self._ttl))

    async def release(self) -> None:
        await self._redis.eval(_RELEASE_LUA, 1, self._key, self._token)

    @asynccontextmanager
    async def held(self):
        got = await self.acquire()
        try:
            yield got
        finally:
            if got:
                await self.release()


class JsonCache:
    def __init__(self, redis: aioredis.Redis, prefix: str) -> None:
        self._redis = redis
        self._prefix = prefix

    async def get(self, key: str) -> Any | None:
        raw = await self._redis.get(f"{self._prefix}:{key}")
        return None if raw is None else json.loads(raw)

    async def set(self, key: str, value: Any, ttl: int) -> None:
        await self._redis.set(f"{self._prefix}:{key}", json.dumps(value, default=str), ex=ttl)

    async def delete(self, key: str) -> None:
        await self._redis.delete(f"{self._prefix}:{key}")
