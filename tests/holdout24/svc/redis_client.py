"""Redis connections: the cache/pub-sub cluster behind Sentinel, and the lock store."""
from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def build_cache_client(settings: Settings) -> Redis:
    sentinel = Sentinel(
        settings.redis_sentinels,
        socket_timeout=settings.redis_socket_timeout,
        sentinel_kwargs={"socket_timeout": settings.redis_socket_timeout},
    )
    return sentinel.master_for(
        settings.redis_master_name,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        health_check_interval=30,
        decode_responses=True,
    )


def build_lock_client(settings: Settings) -> Redis:
    """Dedicated store for enrolment sequence numbers and allocation locks."""
    return Redis.from_url(settings.lock_redis_url, socket_timeout=2.0, socket_connect_timeout=2.0, decode_responses=True)
