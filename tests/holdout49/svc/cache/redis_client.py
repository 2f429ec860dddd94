from __future__ import annotations

import redis.asyncio as redis

from svc.config import get_settings

_client: redis.Redis | None = None


async def open_redis() -> redis.Redis:
    global _client
    settings = get_settings()
    _client = redis.from_url(
        settings.redis_url,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        health_check_interval=30,
        decode_responses=True,
    )
    await _client.ping()
    return _client


def get_redis() -> redis.Redis:
    if _client is None:
        raise RuntimeError("redis not connected")
    return _client


async def close_redis() -> None:
    if _client is not None:
        await _client.aclose()
