"""Shared redis connection."""
from __future__ import annotations

import redis.asyncio as redis

from svc.config import get_settings

_client: redis.Redis | None = None


def get_redis() -> redis.Redis:
    global _client
    if _client is None:
        settings = get_settings()
        _client = redis.Redis.from_url(
            settings.redis_url,
            decode_responses=True,
            socket_timeout=3,
            socket_connect_timeout=2,
            health_check_interval=30,
        )
    return _client


async def close_redis() -> None:
    if _client is not None:
        await _client.aclose()
