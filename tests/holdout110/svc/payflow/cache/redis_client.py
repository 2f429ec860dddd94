from __future__ import annotations

import redis
import redis.asyncio as aioredis

from payflow.settings import get_settings

_redis: aioredis.Redis | None = None


def get_redis() -> aioredis.Redis:
    global _redis
    if _redis is None:
        _redis = aioredis.from_url(
            get_settings().redis_url,
            decode_responses=True,
            socket_timeout=5,
            socket_connect_timeout=3,
            health_check_interval=30,
            max_connections=100,
        )
    return _redis


async def close_redis() -> None:
    global _redis
    if _redis is not None:
        await _redis.aclose()
        _redis = None


_sync_client: redis.Redis | None = None


def sync_redis() -> redis.Redis:
    """Synchronous client for management commands and sync endpoints."""
    global _sync_client
    if _sync_client is None:
        _sync_client = redis.Redis.from_url(get_settings().redis_url, decode_responses=True, socket_timeout=5)
    return _sync_client
