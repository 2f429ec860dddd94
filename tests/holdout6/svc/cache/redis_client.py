"""Redis connections: a sentinel-managed primary for holds, locks and caching."""
from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import get_settings

settings = get_settings()

sentinel = Sentinel(
    settings.redis_sentinels,
    socket_timeout=settings.redis_socket_timeout,
    sentinel_kwargs={"socket_timeout": settings.redis_socket_timeout},
)
redis: Redis = sentinel.master_for(
    settings.redis_service_name,
    socket_timeout=settings.redis_socket_timeout,
    socket_connect_timeout=settings.redis_socket_timeout,
    decode_responses=True,
)


def hold_key(slot_id: int) -> str:
    return f"hold:slot:{slot_id}"


def leader_key(job: str) -> str:
    return f"leader:{job}"
