from __future__ import annotations

import asyncio
import secrets
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

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
async def redis_lock(client: redis.Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[str]:
    token = secrets.token_hex(16)
    acquired = await client.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield token
    finally:
        await client.eval(_RELEASE, 1, f"lock:{name}", token)


async def try_leader(client: redis.Redis, name: str, owner: str, ttl_s: int) -> bool:
    """Claim or renew leadership of a periodic job for ttl_s seconds."""
    key = f"leader:{name}"
    if await client.set(key, owner, nx=True, ex=ttl_s):
        return True
    current = await client.get(key)
    if current == owner:
        await client.expire(key, ttl_s)
        return True
    return False


class SiteLocks:
    """Per-site asyncio locks for the single-writer paths inside one process."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}

    def for_site(self, site_id: int) -> asyncio.Lock:
        lock = self._locks.get(site_id)
        if lock is None:
            lock = self._locks[site_id] = asyncio.Lock()
        return lock
