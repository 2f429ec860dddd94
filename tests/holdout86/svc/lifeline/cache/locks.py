from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

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
async def redis_lock(client: redis.Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[None]:
    """Single-holder lock across replicas; released only by the token that took it."""
    token = secrets.token_hex(16)
    acquired = await client.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield
    finally:
        await client.eval(_RELEASE, 1, f"lock:{name}", token)


class KeyedLocks:
    """In-process asyncio locks keyed by entity id, for serialising work inside one replica."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}

    def get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    @asynccontextmanager
    async def many(self, keys: list[str]) -> AsyncIterator[None]:
        # Always take locks in sorted order so two callers cannot wait on each other.
        ordered = sorted(set(keys))
        held: list[asyncio.Lock] = []
        try:
            for key in ordered:
                lock = self.get(key)
                await lock.acquire()
                held.append(lock)
            yield
        finally:
            for lock in reversed(held):
                lock.release()
