from __future__ import annotations

from redis.asyncio import Redis

from .settings import Settings


def create_redis(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
        decode_responses=True,
    )


def tenant_channel(tenant_id: int) -> str:
    return f"spend:updates:{tenant_id}"


def job_channel(job_id: str) -> str:
    return f"jobs:progress:{job_id}"
