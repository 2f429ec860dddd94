"""Redis connections: the Sentinel-managed primary and the classroom chat bus."""

from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def create_primary_redis(settings: Settings) -> Redis:
    sentinel = Sentinel(
        settings.sentinel_hosts(),
        socket_timeout=settings.redis_socket_timeout,
        sentinel_kwargs={"socket_timeout": 0.5},
    )
    return sentinel.master_for(
        settings.redis_master_name,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=1.0,
        decode_responses=True,
    )


def create_chat_bus(settings: Settings) -> Redis:
    return Redis(
        host=settings.chat_redis_host,
        port=settings.chat_redis_port,
        socket_timeout=5.0,
        socket_connect_timeout=1.0,
        health_check_interval=30,
        decode_responses=True,
    )
