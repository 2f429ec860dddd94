"""Redis clients shared by the process."""
from __future__ import annotations

from redis.asyncio import Redis

from svc.config import get_settings

_settings = get_settings()

cache_redis: Redis = Redis.from_url(
    _settings.redis_url,
    socket_timeout=_settings.redis_socket_timeout,
    socket_connect_timeout=_settings.redis_socket_timeout,
    health_check_interval=30,
)

stream_redis: Redis = Redis.from_url(_settings.redis_url, decode_responses=True)

lock_redis: Redis = Redis(
    host=_settings.lock_redis_host,
    port=_settings.lock_redis_port,
    socket_timeout=_settings.redis_socket_timeout,
)


async def close_all() -> None:
    for client in (cache_redis, stream_redis, lock_redis):
        await client.aclose()
