from __future__ import annotations

import secrets
from contextlib import asynccontextmanager
from typing import AsyncIterator

import redis
import redis.asyncio as aioredis

from .settings import Settings

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


def create_redis(settings: Settings) -> aioredis.Redis:
    return aioredis.from_url(settings.redis_url, decode_responses=True, socket_timeout=5)


def create_sync_redis(settings: Settings) -> redis.Redis:
    # Used by the admin CLI and the legacy login throttle.
    return redis.Redis.from_url(settings.redis_url, decode_responses=True, socket_timeout=2)


class LockNotAcquired(Exception):
    pass


@asynccontextmanager
async def redis_lock(client: aioredis.Redis, name: str, ttl_ms: int = 60_000) -> AsyncIterator[str]:
    token = secrets.token_hex(16)
    acquired = await client.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield token
    finally:
        await client.eval(_RELEASE, 1, f"lock:{name}", token)
