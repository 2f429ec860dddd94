"""Redis connection shared by the process."""
from __future__ import annotations

from redis.asyncio import Redis

from adbid.config import Settings


def create_redis(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=0.25,
        socket_connect_timeout=1.0,
        health_check_interval=30,
        max_connections=200,
    )


def budget_key(campaign_id: int, day: str) -> str:
    return f"budget:{campaign_id}:{day}"


def freq_key(user_id: str, campaign_id: int) -> str:
    return f"freq:{campaign_id}:{user_id}"


SPEND_CHANNEL = "spend-updates"
EVENT_STREAM = "events:impressions"


def create_pubsub_redis(settings: Settings) -> Redis:
    # Pub/sub reads block until a message arrives, so a read timeout would tear the
    # subscription down every few hundred milliseconds; liveness comes from the health check.
    client = Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_connect_timeout=1.0,
        socket_keepalive=True,
        health_check_interval=15,
    )
    return client
