from __future__ import annotations

import redis as sync_redis
import redis.asyncio as aioredis

from dispatch.config import get_settings

_settings = get_settings()

redis = aioredis.from_url(
    _settings.redis_url,
    decode_responses=True,
    socket_timeout=_settings.redis_socket_timeout,
    socket_connect_timeout=_settings.redis_socket_timeout,
    health_check_interval=30,
    max_connections=100,
)


# Feature flags are shared with the ops tooling, which writes them with the sync client.
_flags_client = sync_redis.Redis.from_url(_settings.redis_url, decode_responses=True, socket_timeout=1.0)

FLAG_DEFAULTS = {
    "pool_rides": False,
    "instant_payouts": True,
    "surge_notifications": True,
}


def is_enabled(flag: str, city: str | None = None) -> bool:
    value = None
    if city:
        value = _flags_client.hget(f"flags:{city}", flag)
    if value is None:
        value = _flags_client.hget("flags:global", flag)
    if value is None:
        return FLAG_DEFAULTS.get(flag, False)
    return value == "1"
