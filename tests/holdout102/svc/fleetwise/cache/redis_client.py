from __future__ import annotations

import redis.asyncio as redis

from fleetwise.settings import get_settings


def create_redis() -> redis.Redis:
    settings = get_settings()
    return redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
        max_connections=100,
    )
