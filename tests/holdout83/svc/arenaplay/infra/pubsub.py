from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from redis.asyncio import Redis

MATCH_CHANNEL = "match:{match_id}"
QUEUE_CHANNEL = "queue:events"


class Publisher:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def publish(self, channel: str, payload: dict[str, Any]) -> int:
        return await self._redis.publish(channel, json.dumps(payload))

    async def match_event(self, match_id: str, payload: dict[str, Any]) -> int:
        return await self.publish(MATCH_CHANNEL.format(match_id=match_id), payload)


async def subscribe(redis: Redis, *patterns: str) -> AsyncIterator[dict[str, Any]]:
    pubsub = redis.pubsub(ignore_subscribe_messages=True)
    await pubsub.psubscribe(*patterns)
    try:
        async for message in pubsub.listen():
            yield {"channel": message["channel"], "data": json.loads(message["data"])}
    finally:
        await pubsub.aclose()
