"""Redis clients. The asyncio client is used everywhere in the service;
the blocking client exists for the maintenance CLI only."""
from __future__ import annotations

import redis
import redis.asyncio as aioredis

from fabline.core.settings import get_settings

_client: aioredis.Redis | None = None
_sync_client: redis.Redis | None = None


def init_redis() -> aioredis.Redis:
    global _client
    _client = aioredis.from_url(
        get_settings().redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
    )
    return _client


def get_redis() -> aioredis.Redis:
    if _client is None:
        return init_redis()
    return _client


def sync_client() -> redis.Redis:
    """Blocking client for scripts/CLI."""
    global _sync_client
    if _sync_client is None:
        _sync_client = redis.Redis.from_url(get_settings().redis_url, decode_responses=True)
    return _sync_client


async def close_redis() -> None:
    if _client is not None:
        await _client.aclose()
