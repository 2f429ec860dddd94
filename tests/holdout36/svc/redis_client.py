from __future__ import annotations

import redis.asyncio as aioredis

from svc.config import settings

_client: aioredis.Redis | None = None


def get_redis() -> aioredis.Redis:
    global _client
    if _client is None:
        _client = aioredis.from_url(
            settings.redis_url,
            decode_responses=True,
            max_connections=50,
            socket_timeout=5,
            socket_connect_timeout=2,
            health_check_interval=30,
        )
    return _client


async def close_redis() -> None:
    if _client is not None:
        await _client.aclose()
