from __future__ import annotations

import redis.asyncio as redis

from app.config import get_settings

_pool: redis.ConnectionPool | None = None


def init_redis() -> redis.Redis:
    global _pool
    settings = get_settings()
    _pool = redis.ConnectionPool.from_url(
        settings.redis_url,
        max_connections=50,
        socket_timeout=5,
        socket_connect_timeout=2,
        health_check_interval=30,
        decode_responses=True,
    )
    return redis.Redis(connection_pool=_pool)


async def close_redis(client: redis.Redis) -> None:
    await client.aclose()
    if _pool is not None:
        await _pool.disconnect()
