from __future__ import annotations

import redis
import redis.asyncio as aioredis

from zonekeep.core.settings import get_settings

_async_client: aioredis.Redis | None = None
_sync_client: redis.Redis | None = None


def get_redis() -> aioredis.Redis:
    global _async_client
    if _async_client is None:
        _async_client = aioredis.from_url(
            get_settings().redis_url,
            decode_responses=True,
            socket_timeout=5,
            socket_connect_timeout=3,
        )
    return _async_client


def get_sync_redis() -> redis.Redis:
    """Blocking client, used by the admin CLI scripts."""
    global _sync_client
    if _sync_client is None:
        _sync_client = redis.Redis.from_url(get_settings().redis_url, decode_responses=True)
    return _sync_client


async def close_redis() -> None:
    global _async_client
    if _async_client is not None:
        await _async_client.aclose()
        _async_client = None
