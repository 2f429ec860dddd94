"""Redis connections: the Sentinel-managed primary and the lock store."""
from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import get_settings

_settings = get_settings()

_sentinel = Sentinel(
    _settings.redis_sentinels,
    socket_timeout=_settings.redis_socket_timeout,
    sentinel_kwargs={"socket_timeout": _settings.redis_socket_timeout},
)

redis: Redis = _sentinel.master_for(
    _settings.redis_service,
    socket_timeout=_settings.redis_socket_timeout,
    socket_connect_timeout=_settings.redis_socket_timeout,
    decode_responses=True,
)

lock_redis: Redis = Redis(
    host=_settings.lock_redis_host,
    port=_settings.lock_redis_port,
    socket_timeout=_settings.redis_socket_timeout,
    socket_connect_timeout=_settings.redis_socket_timeout,
)


async def close_redis() -> None:
    await redis.aclose()
    await lock_redis.aclose()
