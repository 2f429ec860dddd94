"""Small redis lock used for cross-replica mutual exclusion."""
from __future__ import annotations

import secrets
from contextlib import asynccontextmanager
from typing import AsyncIterator

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


async def try_leader(client: redis.Redis, role: str, holder: str, ttl_s: int) -> bool:
    """Take or renew leadership of a worker role."""
    key = f"leader:{role}"
    if await client.set(key, holder, nx=True, ex=ttl_s):
        return True
    current = await client.get(key)
    if current == holder:
        await client.expire(key, ttl_s)
        return True
    return False
