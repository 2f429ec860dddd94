from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis.asyncio as redis

from svc.config import settings

_pool = redis.ConnectionPool.from_url(
    settings.redis_url,
    max_connections=64,
    socket_timeout=settings.redis_socket_timeout,
    socket_connect_timeout=3,
    health_check_interval=30,
    decode_responses=True,
)


def get_redis() -> redis.Redis:
    return redis.Redis(connection_pool=_pool)


async def close_redis() -> None:
    await _pool.disconnect()


_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@asynccontextmanager
async def redis_lock(redis: Redis, name: str, ttl_ms: int = 60_000) -> AsyncIterator[str]:
    token = secrets.token_hex(16)
    acquired = await redis.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield token
    finally:
        await redis.eval(_RELEASE, 1, f"lock:{name}", token)
