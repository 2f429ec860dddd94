from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator

import redis.asyncio as aioredis

log = logging.getLogger(__name__)

TELEMETRY_CHANNEL = "portops:telemetry"
GATE_EVENTS_CHANNEL = "portops:gate-events"


class EventPublisher:
    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    async def publish(self, channel: str, event: dict) -> int:
        return await self._redis.publish(channel, json.dumps(event, default=str))


async def subscribe(redis: aioredis.Redis, channel: str) -> AsyncIterator[dict]:
    pubsub = redis.pubsub()
    await pubsub.subscribe(channel)
    try:
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            try:
                yield json.loads(message["data"])
            except json.JSONDecodeError:
                log.warning("dropping malformed event on %s", channel)
    finally:
        await pubsub.unsubscribe(channel)
        await pubsub.aclose()
