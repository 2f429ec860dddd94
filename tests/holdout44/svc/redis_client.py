from __future__ import annotations

import redis.asyncio as redis

from svc.config import Settings

_client: redis.Redis | None = None


def init_redis(settings: Settings) -> redis.Redis:
    global _client
    _client = redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
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
