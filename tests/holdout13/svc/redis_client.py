"""Redis clients: the replicated cache, the pub/sub bus and the lock store."""

from __future__ import annotations

import redis.asyncio as redis
from redis.asyncio.sentinel import Sentinel

from svc.config import settings


def _sentinel() -> Sentinel:
    return Sentinel(settings.redis_sentinels, sentinel_kwargs={"socket_timeout": 1.0})


def build_cache_client() -> redis.Redis:
    sentinel = _sentinel()
    return sentinel.master_for(
        settings.redis_master_name,
        socket_timeout=2.0,
        socket_connect_timeout=1.0,
        decode_responses=True,
    )


def build_bus_client() -> redis.Redis:
    return _sentinel().master_for(settings.redis_master_name, decode_responses=True)


def build_lock_client() -> redis.Redis:
    return redis.Redis(
        host=settings.redis_lock_host,
        port=settings.redis_lock_port,
        socket_timeout=2.0,
        socket_connect_timeout=1.0,
        decode_responses=True,
    )
