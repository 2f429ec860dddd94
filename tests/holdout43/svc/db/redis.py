from __future__ import annotations

import redis.asyncio as aioredis

from svc.config import get_settings

_client: aioredis.Redis | None = None


def init_redis() -> aioredis.Redis:
    global _client
    _client = aioredis.from_url(
        get_settings().redis_url,
        decode_responses=True,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        max_connections=64,
    )
    return _client


def get_redis() -> aioredis.Redis:
    if _client is None:
        raise RuntimeError("redis not initialised")
    return _client


async def close_redis() -> None:
    if _client is not None:
        await _client.aclose()
