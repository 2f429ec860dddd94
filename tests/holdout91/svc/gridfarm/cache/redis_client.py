from __future__ import annotations

import redis.asyncio as redis

from ..settings import get_settings

_client: redis.Redis | None = None


def init_redis() -> redis.Redis:
    global _client
    _client = redis.from_url(
        get_settings().redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
    )
    return _client


def get_redis() -> redis.Redis:
    if _client is None:
        raise RuntimeError("redis not initialised")
    return _client


async def close_redis() -> None:
    if _client is not None:
        await _client.aclose()
