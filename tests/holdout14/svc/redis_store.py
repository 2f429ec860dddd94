"""Redis clients used by the service."""
from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def build_cache_redis(settings: Settings) -> Redis:
    sentinel = Sentinel(settings.redis_sentinels, socket_timeout=0.5)
    return sentinel.master_for(
        settings.redis_master_name,
        socket_timeout=1.0,
        socket_connect_timeout=1.0,
        decode_responses=True,
    )


def build_idempotency_redis(settings: Settings) -> Redis:
    return Redis.from_url(settings.idempotency_redis_url, socket_timeout=1.0, socket_connect_timeout=1.0, decode_responses=True)


def build_pubsub_redis(settings: Settings) -> Redis:
    return Redis(host=settings.pubsub_host, port=settings.pubsub_port, decode_responses=True)


async def close_all(*clients: Redis) -> None:
    for client in clients:
        await client.aclose()
