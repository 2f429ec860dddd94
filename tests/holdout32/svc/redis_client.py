"""Redis clients: the main store (queues, lobbies, leaderboards, rate limits) and presence."""
from __future__ import annotations

import time

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def _parse_hosts(hosts: list[str]) -> list[tuple[str, int]]:
    parsed: list[tuple[str, int]] = []
    for entry in hosts:
        host, _, port = entry.partition(":")
        parsed.append((host, int(port or 26379)))
    return parsed


def create_redis(settings: Settings) -> Redis:
    sentinel = Sentinel(
        _parse_hosts(settings.redis_sentinels),
        sentinel_kwargs={"socket_timeout": settings.redis_socket_timeout},
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_connect_timeout,
    )
    return sentinel.master_for(
        settings.redis_master_name,
        decode_responses=True,
        health_check_interval=30,
    )


def create_presence_redis(settings: Settings) -> Redis:
    return Redis(
        host=settings.presence_redis_host,
        port=settings.presence_redis_port,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_connect_timeout,
        decode_responses=True,
    )


class RedisRateLimiter:
    """Fixed-window limiter shared by every replica."""

    def __init__(self, redis: Redis, prefix: str = "rl") -> None:
        self._redis = redis
        self._prefix = prefix

    async def hit(self, bucket: str, limit: int, window_seconds: int = 60) -> bool:
        window = int(time.time() // window_seconds)
        key = f"{self._prefix}:{bucket}:{window}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, window_seconds * 2)
            count, _ = await pipe.execute()
        return int(count) <= limit
