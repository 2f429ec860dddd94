from __future__ import annotations

import asyncio
import secrets
from contextlib import asynccontextmanager
from typing import AsyncIterator

from redis.asyncio import Redis

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@asynccontextmanager
async def redis_lock(redis: Redis, key: str, ttl: int = 30, wait: float = 5.0) -> AsyncIterator[str]:
    token = secrets.token_hex(16)
    deadline = asyncio.get_running_loop().time() + wait
    while not await redis.set(key, token, nx=True, ex=ttl):
        if asyncio.get_running_loop().time() > deadline:
            raise LockNotAcquired(key)
        await asyncio.sleep(0.05)
    try:
        yield token
    finally:
        await redis.eval(_RELEASE, 1, key, token)


class KeyedLocks:
    """Per-key asyncio locks for serialising work on one ward or one bed inside a process."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}

    def get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    def ward(self, ward_id: int) -> asyncio.Lock:
        return self.get(f"ward:{ward_id}")

    def bed(self, bed_id: int) -> asyncio.Lock:
        return self.get(f"bed:{bed_id}")
