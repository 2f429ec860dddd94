from __future__ import annotations

from redis.asyncio import Redis

from arenaops.settings import Settings


def build_redis(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
        max_connections=64,
    )
