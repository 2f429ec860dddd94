"""Redis pub/sub connection carrying waiting-room events between replicas."""
from __future__ import annotations

import json

from redis.asyncio import Redis

from svc.config import get_settings

settings = get_settings()

pubsub_redis = Redis.from_url(
    settings.pubsub_redis_url, socket_connect_timeout=2, health_check_interval=30, decode_responses=True
)


def room_channel(clinic_id: int) -> str:
    return f"waiting-room:{clinic_id}"


async def publish_room_event(clinic_id: int, event: dict) -> None:
    await pubsub_redis.publish(room_channel(clinic_id), json.dumps(event))
