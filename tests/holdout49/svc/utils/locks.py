"""Distributed locks on redis and per-lot in-process locks."""
from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator

from redis.asyncio import Redis

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@contextlib.asynccontextmanager
async def redis_lock(redis: Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[str]:
    token = uuid.uuid4().hex
    acquired = await redis.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield token
    finally:
        await redis.eval(_RELEASE, 1, f"lock:{name}", token)


class KeyedLocks:
    """asyncio locks keyed by id; entries are dropped when nobody holds or waits on them."""

    def __init__(self) -> None:
        self._locks: dict[object, asyncio.Lock] = {}
        self._users: dict[object, int] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: object) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[key] -= 1
            if self._users[key] == 0:
                del self._users[key]
                del self._locks[key]


lot_locks = KeyedLocks()
account_locks = KeyedLocks()
