"""Shared redis connection (cache, rate limits, job queue, pub/sub)."""
from __future__ import annotations

from redis.asyncio import Redis

from podhost.config import Settings

_redis: Redis | None = None


def create_redis(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        max_connections=200,
    )


def set_redis(client: Redis) -> None:
    global _redis
    _redis = client


def get_redis() -> Redis:
    if _redis is None:
        raise RuntimeError("redis is not configured")
    return _redis
