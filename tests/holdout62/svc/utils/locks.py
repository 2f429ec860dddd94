"""Redis-backed distributed locks for jobs that must run on one replica."""
from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis.asyncio as redis

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(RuntimeError):
    pass


@asynccontextmanager
async def redis_lock(client: redis.Redis, name: str, ttl_ms: int = 60_000) -> AsyncIterator[None]:
    token = uuid.uuid4().hex
    acquired = await client.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield
    finally:
        await client.eval(_RELEASE, 1, f"lock:{name}", token)
