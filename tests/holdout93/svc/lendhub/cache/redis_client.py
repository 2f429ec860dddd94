from __future__ import annotations

import redis.asyncio as redis

from ..settings import get_settings

_redis: redis.Redis | None = None


async def init_redis() -> redis.Redis:
    global _redis
    _redis = redis.from_url(
        get_settings().redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
    )
    await _redis.ping()
    return _redis


def get_redis() -> redis.Redis:
    if _redis is None:
        raise RuntimeError("redis not initialised")
    return _redis


async def close_redis() -> None:
    if _redis is not None:
        await _redis.aclose()
