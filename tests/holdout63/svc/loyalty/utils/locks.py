"""Distributed and in-process locks."""
from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

import redis.asyncio as redis

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class RedisLock:
    def __init__(self, client: redis.Redis, name: str, ttl_ms: int = 30_000) -> None:
        self._client = client
        self._name = f"loyalty:lock:{name}"
        self._ttl_ms = ttl_ms
        self._token = uuid.uuid4().hex

    async def acquire(self) -> bool:
        return bool(await self._client.set(self._name, self._token, nx=True, px=self._ttl_ms))

    async def release(self) -> None:
        await self._client.eval(_RELEASE_SCRIPT, 1, self._name, self._token)


@asynccontextmanager
async def leader_lock(client: redis.Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[bool]:
    lock = RedisLock(client, name, ttl_ms)
    acquired = await lock.acquire()
    try:
        yield acquired
    finally:
        if acquired:
            await lock.release()


class KeyedLocks:
    """One asyncio.Lock per key, used to serialise work on one member or campaign."""

    def __init__(self) -> None:
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def get(self, key: str) -> asyncio.Lock:
        return self._locks[key]

    def prune(self) -> int:
        removed = 0
        for key, lock in list(self._locks.items()):
            if not lock.locked():
                del self._locks[key]
                removed += 1
        return removed


member_locks = KeyedLocks()
campaign_locks = KeyedLocks()
