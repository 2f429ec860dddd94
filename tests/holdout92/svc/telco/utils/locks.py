from __future__ import annotations

import asyncio
import secrets
from collections import defaultdict
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

import redis.asyncio as aioredis

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@asynccontextmanager
async def redis_lock(redis: aioredis.Redis, key: str, ttl_ms: int = 30_000) -> AsyncIterator[str]:
    token = secrets.token_hex(16)
    acquired = await redis.set(key, token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(key)
    try:
        yield token
    finally:
        await redis.eval(_RELEASE, 1, key, token)


class SubscriberLocks:
    """Per-subscriber asyncio locks for work serialised inside one process."""

    def __init__(self) -> None:
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    def get(self, subscriber_id: int) -> asyncio.Lock:
        return self._locks[subscriber_id]

    def discard(self, subscriber_id: int) -> None:
        lock = self._locks.get(subscriber_id)
        if lock is not None and not lock.locked():
            del self._locks[subscriber_id]
