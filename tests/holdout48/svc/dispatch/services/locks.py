"""Per-key asyncio locks (within a process) and Redis leases (across replicas)."""
from __future__ import annotations

import asyncio
import secrets
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis


class KeyedLocks:
    def __init__(self, name: str) -> None:
        self.name = name
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def __call__(self, key: object) -> asyncio.Lock:
        return self._locks[str(key)]

    def discard(self, key: object) -> None:
        lock = self._locks.get(str(key))
        if lock is not None and not lock.locked():
            del self._locks[str(key)]


zone_locks = KeyedLocks("zone")
driver_locks = KeyedLocks("driver")

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


@asynccontextmanager
async def lease(redis: Redis, name: str, ttl_ms: int) -> AsyncIterator[bool]:
    token = secrets.token_hex(16)
    acquired = await redis.set(f"lease:{name}", token, nx=True, px=ttl_ms)
    try:
        yield bool(acquired)
    finally:
        if acquired:
            await redis.eval(_RELEASE, 1, f"lease:{name}", token)
