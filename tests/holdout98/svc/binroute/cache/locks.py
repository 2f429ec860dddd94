from __future__ import annotations

import asyncio
import contextlib
import secrets
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


@contextlib.asynccontextmanager
async def distributed_lock(redis: aioredis.Redis, name: str, ttl_ms: int = 60_000) -> AsyncIterator[str]:
    token = secrets.token_hex(16)
    acquired = await redis.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield token
    finally:
        await redis.eval(_RELEASE, 1, f"lock:{name}", token)


class RouteLocks:
    """Per-route asyncio locks for this process; routes are sharded to replicas by depot."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}

    def get(self, route_id: int) -> asyncio.Lock:
        lock = self._locks.get(route_id)
        if lock is None:
            lock = self._locks[route_id] = asyncio.Lock()
        return lock

    def discard(self, route_id: int) -> None:
        lock = self._locks.get(route_id)
        if lock is not None and not lock.locked():
            del self._locks[route_id]
