"""Redis connections.

presence/pub-sub traffic goes through Sentinel; the jobs instance holds locks,
rate-limit counters and scheduler bookkeeping; the cache instance is a plain LRU.
"""
from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import settings


def _sentinel_hosts() -> list[tuple[str, int]]:
    hosts = []
    for item in settings.redis_sentinels.split(","):
        host, _, port = item.strip().partition(":")
        hosts.append((host, int(port or 26379)))
    return hosts


_sentinel = Sentinel(
    _sentinel_hosts(),
    socket_timeout=settings.redis_socket_timeout,
    sentinel_kwargs={"socket_timeout": settings.redis_socket_timeout},
)

presence_redis: Redis = _sentinel.master_for(
    settings.redis_master_name,
    socket_timeout=settings.redis_socket_timeout,
    decode_responses=True,
)

jobs_redis = Redis(
    host=settings.redis_host,
    port=settings.redis_port,
    socket_timeout=settings.redis_socket_timeout,
    socket_connect_timeout=settings.redis_socket_timeout,
    decode_responses=True,
)

cache_redis = Redis.from_url(f"redis://{settings.redis_host}:{settings.redis_port}/2", decode_responses=True)


async def close_all() -> None:
    for client in (presence_redis, jobs_redis, cache_redis):
        await client.aclose()
