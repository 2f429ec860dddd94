from __future__ import annotations

import redis.asyncio as aioredis

from svc.config import settings

_redis: aioredis.Redis | None = None


def init_redis() -> aioredis.Redis:
    global _redis
    _redis = aioredis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
        health_check_interval=30,
    )
    return _redis


def get_redis() -> aioredis.Redis:
    if _redis is None:
        raise RuntimeError("redis not initialised")
    return _redis


async def close_redis() -> None:
    global _redis
    if _redis is not None:
        await _redis.aclose()
        _redis = None
