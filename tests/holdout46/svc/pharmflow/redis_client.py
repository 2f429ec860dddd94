from __future__ import annotations

import redis.asyncio as redis

from .config import get_settings

_settings = get_settings()

redis_conn: redis.Redis = redis.from_url(
    _settings.redis_url,
    decode_responses=True,
    socket_timeout=2.0,
    socket_connect_timeout=2.0,
    max_connections=64,
    health_check_interval=30,
)


def get_redis() -> redis.Redis:
    return redis_conn
