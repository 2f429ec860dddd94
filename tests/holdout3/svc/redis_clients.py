"""Redis clients and the Redis-backed rate limiter."""
from __future__ import annotations

import time

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def _parse_host(value: str) -> tuple[str, int]:
    host, _, port = value.partition(":")
    return host, int(port or 26379)


def create_cache_redis(settings: Settings) -> Redis:
    """Cache, locks and pub/sub. Resolved through Sentinel so a failover is transparent."""
    sentinel = Sentinel(
        [_parse_host(h) for h in settings.redis_sentinels],
        socket_timeout=settings.redis_socket_timeout,
        sentinel_kwargs={"socket_timeout": settings.redis_socket_timeout},
    )
    return sentinel.master_for(
        settings.redis_master_name,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_connect_timeout,
        decode_responses=True,
        health_check_interval=30,
    )


def create_session_redis(settings: Settings) -> Redis:
    """Carts and buyer sessions live on their own instance so cache evictions never drop them."""
    return Redis(host=settings.session_redis_host, port=settings.session_redis_port, db=0, decode_responses=True)


class RedisRateLimiter:
    """Fixed-window counter shared by every replica."""

    def __init__(self, redis: Redis, *, prefix: str, limit: int, window_seconds: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._limit = limit
        self._window = window_seconds

    async def hit(self, key: str) -> bool:
        bucket = f"rl:{self._prefix}:{key}:{int(time.time() // self._window)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, self._window * 2)
            count, _ = await pipe.execute()
        return int(count) <= self._limit
