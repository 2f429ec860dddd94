from __future__ import annotations

from redis.asyncio import Redis

from ..config import Settings


def create_redis(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        max_connections=100,
        decode_responses=True,
    )
