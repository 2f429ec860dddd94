from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

from redis.asyncio import Redis

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "avail:changes:"


class AvailabilityHub:
    """Room-availability change feed.

    Every replica subscribes to the same redis pattern and delivers to the sockets it holds, so
    a booking made on one replica reaches kiosks connected to any other.
    """

    def __init__(self, redis: Redis, pubsub_redis: Redis, queue_size: int = 64) -> None:
        self._redis = redis
        self._pubsub_redis = pubsub_redis
        self._queue_size = queue_size
        self._subscribers: dict[int, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)

    def subscribe(self, location_id: int) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=self._queue_size)
        self._subscribers[location_id].add(queue)
        return queue

    def unsubscribe(self, location_id: int, queue: asyncio.Queue[dict[str, Any]]) -> None:
        queues = self._subscribers.get(location_id)
        if queues is None:
            return
        queues.discard(queue)
        if not queues:
            del self._subscribers[location_id]

    def connection_count(self, location_id: int) -> int:
        return len(self._subscribers.get(location_id, ()))

    async def publish(self, location_id: int, event: dict[str, Any]) -> None:
        await self._redis.publish(f"{CHANNEL_PREFIX}{location_id}", json.dumps(event))

    async def listen(self) -> None:
        pubsub = self._pubsub_redis.pubsub()
        await pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
        async for message in pubsub.listen():
            if message["type"] != "pmessage":
                continue
            location_id = int(message["channel"].rsplit(":", 1)[1])
            self._deliver(location_id, json.loads(message["data"]))

    def _deliver(self, location_id: int, event: dict[str, Any]) -> None:
        for queue in self._subscribers.get(location_id, ()):
            if queue.full():
                # a newer change supersedes the oldest one; kiosks re-fetch the snapshot anyway
                queue.get_nowait()
            queue.put_nowait(event)
