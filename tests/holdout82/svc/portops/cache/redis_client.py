from __future__ import annotations

import redis.asyncio as aioredis

from portops.settings import Settings


def build_redis(settings: Settings) -> aioredis.Redis:
    pool = aioredis.ConnectionPool.from_url(
        settings.redis_url,
        max_connections=settings.redis_max_connections,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
        decode_responses=True,
    )
    return aioredis.Redis(connection_pool=pool)


def key(*parts: object) -> str:
    return "portops:" + ":".join(str(p) for p in parts)
