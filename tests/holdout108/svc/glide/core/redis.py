from __future__ import annotations

import redis
import redis.asyncio as aioredis

from glide.settings import Settings, get_settings


def build_redis(settings: Settings) -> aioredis.Redis:
    return aioredis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=12.0,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        max_connections=200,
    )


_sync_client: redis.Redis | None = None


def sync_redis() -> redis.Redis:
    """Synchronous client for management commands and scripts."""
    global _sync_client
    if _sync_client is None:
        _sync_client = redis.Redis.from_url(
            get_settings().redis_url, decode_responses=True, socket_timeout=2.0
        )
    return _sync_client
