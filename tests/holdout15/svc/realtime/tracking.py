"""Relays order events from the events bus to customers watching an order."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis
from starlette.websockets import WebSocketDisconnect

logger = logging.getLogger(__name__)


class TrackingHub:
    """Per-process registry of watchers. Events arrive over redis pub/sub, so a
    customer connected to any replica receives the events published by any other."""

    def __init__(self, redis: Redis, max_connections: int) -> None:
        self._redis = redis
        self._max = max_connections
        self._watchers: dict[int, set[WebSocket]] = defaultdict(set)
        self._count = 0
        self._lock = asyncio.Lock()

    async def watch(self, order_id: int, websocket: WebSocket) -> bool:
        async with self._lock:
            if self._count >= self._max:
                return False
            self._watchers[order_id].add(websocket)
            self._count += 1
            return True

    def unwatch(self, order_id: int, websocket: WebSocket) -> None:
        watchers = self._watchers.get(order_id)
        if watchers is None or websocket not in watchers:
            return
        watchers.discard(websocket)
        self._count -= 1
        if not watchers:
            del self._watchers[order_id]

    async def run(self) -> None:
        backoff = 0.5
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.psubscribe("order-events:*")
                    backoff = 0.5
                    async for message in pubsub.listen():
                        if message["type"] == "pmessage":
                            await self._relay(message["channel"], message["data"])
            except Exception:
                logger.exception("tracking relay lost its subscription, retrying in %.1fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _relay(self, channel: str, data: str) -> None:
        order_id = int(channel.rsplit(":", 1)[1])
        event: dict[str, Any] = json.loads(data)
        for websocket in list(self._watchers.get(order_id, ())):
            try:
                await websocket.send_json(event)
            except (WebSocketDisconnect, RuntimeError):
                self.unwatch(order_id, websocket)
