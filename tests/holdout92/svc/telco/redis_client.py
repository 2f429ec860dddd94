from __future__ import annotations

import redis.asyncio as aioredis

from telco.settings import Settings


def build_redis(settings: Settings) -> aioredis.Redis:
    return aioredis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=3,
        socket_connect_timeout=2,
        health_check_interval=30,
    )


def balance_channel(subscriber_id: int) -> str:
    return f"balance:{subscriber_id}"


NOC_CHANNEL = "noc:events"
