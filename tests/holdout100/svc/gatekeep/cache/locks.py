from __future__ import annotations

import asyncio
import secrets
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

from redis.asyncio import Redis

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


class LockNotAcquired(Exception):
    pass


class RedisLock:
    """Single-holder lease with a token so only the holder can release it."""

    def __init__(self, redis: Redis, name: str, ttl_ms: int = 30_000) -> None:
        self._redis = redis
        self._name = f"lock:{name}"
        self._ttl_ms = ttl_ms
        self._token = secrets.token_hex(16)

    async def acquire(self) -> bool:
        return bool(await self._redis.set(self._name, self._token, nx=True, px=self._ttl_ms))

    async def extend(self) -> bool:
        return bool(await self._redis.eval(_EXTEND, 1, self._name, self._token, self._ttl_ms))

    async def release(self) -> None:
        await self._redis.eval(_RELEASE, 1, self._name, self._token)


@asynccontextmanager
async def leased(redis: Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[RedisLock]:
    lock = RedisLock(redis, name, ttl_ms)
    if not await lock.acquire():
        raise LockNotAcquired(name)
    stop = asyncio.Event()

    async def _keepalive() -> None:
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), timeout=ttl_ms / 3000)
            except asyncio.TimeoutError:
                await lock.extend()

    keeper = asyncio.create_task(_keepalive())
    try:
        yield lock
    finally:
        stop.set()
        await keeper
        await lock.release()
