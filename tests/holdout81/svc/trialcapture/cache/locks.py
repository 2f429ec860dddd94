from __future__ import annotations

import asyncio
import secrets
import weakref

import redis.asyncio as redis

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class KeyedLocks:
    """Process-local asyncio locks, one per key, dropped once nobody holds them."""

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def for_key(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    def for_query(self, query_id: int) -> asyncio.Lock:
        return self.for_key(f"query:{query_id}")

    def for_site(self, site_id: int) -> asyncio.Lock:
        return self.for_key(f"site:{site_id}")


class RedisLock:
    """Cluster-wide mutual exclusion with an expiry, released only by its owner."""

    def __init__(self, client: redis.Redis, name: str, ttl_ms: int = 60_000) -> None:
        self._r = client
        self._name = f"edc:lock:{name}"
        self._ttl_ms = ttl_ms
        self._token: str | None = None

    async def acquire(self) -> bool:
        token = secrets.token_hex(16)
        acquired = await self._r.set(self._name, token, nx=True, px=self._ttl_ms)
        if acquired:
            self._token = token
        return bool(acquired)

    async def release(self) -> None:
        if self._token is not None:
            await self._r.eval(_RELEASE, 1, self._name, self._token)
            self._token = None

    async def __aenter__(self) -> bool:
        return await self.acquire()

    async def __aexit__(self, *exc: object) -> None:
        await self.release()
