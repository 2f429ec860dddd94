from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import get_settings

settings = get_settings()

cache_redis = Redis.from_url(settings.redis_url, socket_timeout=2.0, socket_connect_timeout=2.0, decode_responses=True)

_sentinel = Sentinel(
    [(host.split(":")[0], int(host.split(":")[1])) for host in settings.sentinel_hosts],
    socket_timeout=1.0,
    sentinel_kwargs={"socket_timeout": 1.0},
)
bus_redis = _sentinel.master_for("edu-bus", socket_timeout=2.0, decode_responses=True)


async def close_redis() -> None:
    await cache_redis.aclose()
    await bus_redis.aclose()
