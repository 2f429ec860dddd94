from __future__ import annotations

import redis.asyncio as redis

from stacks.settings import Settings


def build_redis(settings: Settings) -> redis.Redis:
    return redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
    )
