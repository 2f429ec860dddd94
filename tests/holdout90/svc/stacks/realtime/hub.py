"""Fan-out of "your hold is ready" events to patron websockets.

Events are published on redis by whichever replica or worker marks a hold ready;
every replica subscribes and delivers to the sockets it holds.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import TYPE_CHECKING

import redis.asyncio as redis
from starlette.websockets import WebSocket

if TYPE_CHECKING:
    from stacks.settings import Settings

log = logging.getLogger(__name__)

CHANNEL_PATTERN = "holds:ready:*"
OUTBOX_SIZE = 100


class HoldReadyHub:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._outboxes: dict[int, set[asyncio.Queue]] = defaultdict(set)

    def configure(self, settings: Settings) -> None:
        self._idle_timeout = settings.ws_idle_timeout_s

    def subscribe(self, patron_id: int) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=OUTBOX_SIZE)
        self._outboxes[patron_id].add(queue)
        return queue

    def unsubscribe(self, patron_id: int, queue: asyncio.Queue) -> None:
        queues = self._outboxes.get(patron_id)
        if queues is None:
            return
        queues.discard(queue)
        if not queues:
            del self._outboxes[patron_id]

    def _deliver(self, patron_id: int, payload: dict) -> None:
        for queue in self._outboxes.get(patron_id, ()):
            try:
                queue.put_nowait(payload)
            except asyncio.QueueFull:
                log.warning("dropping hold event for slow socket of patron %s", patron_id)

    async def listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe(CHANNEL_PATTERN)
        async for message in pubsub.listen():
            if message["type"] != "pmessage":
                continue
            patron_id = int(message["channel"].rsplit(":", 1)[1])
            self._deliver(patron_id, json.loads(message["data"]))

    async def pump(self, websocket: WebSocket, queue: asyncio.Queue) -> None:
        while True:
            payload = await queue.get()
            await websocket.send_json(payload)
