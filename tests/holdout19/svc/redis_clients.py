from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def create_cache_client(settings: Settings) -> Redis:
    """Primary cache, pub/sub and lock store, resolved through Sentinel."""
    sentinel = Sentinel(
        settings.redis_sentinels,
        socket_timeout=settings.redis_socket_timeout,
        sentinel_kwargs={"socket_timeout": settings.redis_socket_timeout},
    )
    return sentinel.master_for(
        settings.redis_service_name,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        decode_responses=True,
    )


def create_idempotency_client(settings: Settings) -> Redis:
    """Dedicated store for transfer idempotency keys and webhook de-duplication."""
    client: Redis = Redis.from_url(
        settings.idempotency_redis_url,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        decode_responses=True,
    )
    return client


def create_ratelimit_client(settings: Settings) -> Redis:
    return Redis.from_url(settings.ratelimit_redis_url, decode_responses=True)
