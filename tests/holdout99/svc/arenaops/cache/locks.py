from __future__ import annotations

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


class LockNotAcquired(Exception):
    pass


class RedisLock:
    """Single-instance redis lock with an owner token and a bounded lease."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def try_acquire(self, name: str, ttl_ms: int) -> str | None:
        token = secrets.token_hex(16)
        ok = await self._redis.set(f"lock:{name}", token, nx=True, px=ttl_ms)
        return token if ok else None

    async def release(self, name: str, token: str) -> None:
        await self._redis.eval(_RELEASE, 1, f"lock:{name}", token)

    @asynccontextmanager
    async def hold(self, name: str, ttl_ms: int = 30_000) -> AsyncIterator[str]:
        token = await self.try_acquire(name, ttl_ms)
        if token is None:
            raise LockNotAcquired(name)
        try:
            yield token
        finally:
            await self.release(name, token)
