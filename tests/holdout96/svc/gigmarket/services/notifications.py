from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

import redis.asyncio as aioredis

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "notify:"


class NotificationHub:
    """Per-user live notifications. Redis pub/sub carries events between replicas; each
    replica fans them out to the sockets it holds."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self.redis = redis
        self._subscribers: dict[int, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)

    async def publish(self, user_id: int, event: dict[str, Any]) -> None:
        await self.redis.publish(f"{CHANNEL_PREFIX}{user_id}", json.dumps(event, default=str))

    def subscribe(self, user_id: int) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._subscribers[user_id].add(queue)
        return queue

    def unsubscribe(self, user_id: int, queue: asyncio.Queue[dict[str, Any]]) -> None:
        queues = self._subscribers.get(user_id)
        if queues is None:
            return
        queues.discard(queue)
        if not queues:
            del self._subscribers[user_id]

    def connection_count(self, user_id: int) -> int:
        return len(self._subscribers.get(user_id, ()))

    async def run_listener(self) -> None:
        pubsub = self.redis.pubsub()
        await pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
        try:
            async for message in pubsub.listen():
                if message.get("type") != "pmessage":
                    continue
                user_id = int(message["channel"][len(CHANNEL_PREFIX):])
                event = json.loads(message["data"])
                for queue in list(self._subscribers.get(user_id, ())):
                    queue.put_nowait(event)
        finally:
            await pubsub.aclose()
