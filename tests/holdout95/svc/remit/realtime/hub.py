"""Transfer-tracking fan-out: one Redis subscription per replica, one queue per websocket."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict

from redis.asyncio import Redis

from ..services.events import TRACKING_CHANNEL

log = logging.getLogger(__name__)


class TrackingHub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._subscribers: defaultdict[str, set[asyncio.Queue]] = defaultdict(set)
        self._listener: asyncio.Task | None = None

    def subscribe(self, transfer_id: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self._subscribers[transfer_id].add(queue)
        return queue

    def unsubscribe(self, transfer_id: str, queue: asyncio.Queue) -> None:
        queues = self._subscribers.get(transfer_id)
        if not queues:
            return
        queues.discard(queue)
        if not queues:
            del self._subscribers[transfer_id]

    def connection_count(self) -> int:
        return sum(len(q) for q in self._subscribers.values())

    async def _listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(TRACKING_CHANNEL)
        try:
            async for message in pubsub.listen():
                if message.get("type") != "message":
                    continue
                event = json.loads(message["data"])
                for queue in list(self._subscribers.get(event["transfer_id"], ())):
                    queue.put_nowait(event)
        finally:
            await pubsub.unsubscribe(TRACKING_CHANNEL)
            await pubsub.aclose()

    def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="tracking-hub")

    async def stop(self) -> None:
        if self._listener:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
