from __future__ import annotations

import redis.asyncio as redis

from ..settings import Settings


def build_redis(settings: Settings) -> redis.Redis:
    return redis.Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        max_connections=200,
    )


def build_pubsub_redis(settings: Settings) -> redis.Redis:
    # Subscribers block on reads by design; keepalive detects dead peers instead of a read timeout.
    client = redis.Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_connect_timeout=2.0,
        socket_keepalive=True,
        health_check_interval=15,
    )
    return client
