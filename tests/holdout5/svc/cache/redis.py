"""Redis clients: one for cache/GEO/locks, one (sentinel-backed) for the event bus."""
from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import settings


def build_cache_client() -> Redis:
    return Redis.from_url(settings.redis_url, socket_timeout=1.5, socket_connect_timeout=1.0, health_check_interval=30, decode_responses=True)


def build_bus_client() -> Redis:
    sentinel = Sentinel(settings.redis_sentinels, socket_timeout=1.0, sentinel_kwargs={"socket_timeout": 0.5})
    return sentinel.master_for(settings.redis_bus_master, socket_timeout=2.0, socket_connect_timeout=1.0, decode_responses=True)


cache = build_cache_client()
bus = build_bus_client()


async def close_clients() -> None:
    await cache.aclose()
    await bus.aclose()
