"""Redis connection and small helpers shared by services."""
from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator

from redis.asyncio import Redis

from .settings import Settings

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


def build_redis(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
    )


class LockNotAcquired(Exception):
    pass


@contextlib.asynccontextmanager
async def distributed_lock(redis: Redis, name: str, ttl: int = 60) -> AsyncIterator[str]:
    """A single-holder lock across replicas; raises LockNotAcquired if someone else holds it."""
    token = uuid.uuid4().hex
    acquired = await redis.set(f"lock:{name}", token, nx=True, ex=ttl)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield token
    finally:
        await redis.eval(_RELEASE_SCRIPT, 1, f"lock:{name}", token)
