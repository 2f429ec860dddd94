from __future__ import annotations

from redis.asyncio import Redis

from docflow.config import get_settings

_redis: Redis | None = None


async def open_redis() -> Redis:
    global _redis
    settings = get_settings()
    _redis = Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
        max_connections=200,
    )
    await _redis.ping()
    return _redis


def redis() -> Redis:
    if _redis is None:
        raise RuntimeError("redis not open")
    return _redis


async def close_redis() -> None:
    if _redis is not None:
        await _redis.aclose()
