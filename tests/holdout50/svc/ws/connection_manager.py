from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis

log = logging.getLogger(__name__)

LIFT_CHANNEL = "lift-status"


class ConnectionManager:
    """Tracks this replica's websocket clients, grouped by topic."""

    def __init__(self, max_connections: int) -> None:
        self._max = max_connections
        self._topics: dict[str, set[WebSocket]] = defaultdict(set)
        self._lock = asyncio.Lock()

    @property
    def count(self) -> int:
        return sum(len(s) for s in self._topics.values())

    async def connect(self, topic: str, websocket: WebSocket) -> bool:
        async with self._lock:
            full = self.count >= self._max
            if not full:
                self._topics[topic].add(websocket)
        if full:
            log.warning("websocket limit reached", extra={"topic": topic})
            await websocket.close(code=1013)
            return False
        await websocket.accept()
        return True

    async def disconnect(self, topic: str, websocket: WebSocket) -> None:
        async with self._lock:
            self._topics[topic].discard(websocket)

    async def broadcast(self, topic: str, message: dict[str, Any]) -> None:
        for websocket in list(self._topics[topic]):
            await websocket.send_json(message)


async def relay_lift_status(redis: Redis, manager: ConnectionManager) -> None:
    pubsub = redis.pubsub(ignore_subscribe_messages=True)
    await pubsub.subscribe(LIFT_CHANNEL)
    async for message in pubsub.listen():
        payload = json.loads(message["data"])
        await manager.broadcast("lifts", payload)
