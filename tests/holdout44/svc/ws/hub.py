"""Per-process registry of websocket subscribers.

Events published on redis (custody:events) are relayed by `relay_events` in every API replica,
so a client connected to any replica receives its customer's events.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

import redis.asyncio as redis
from starlette.websockets import WebSocket

from svc.utils.observability import WS_CONNECTIONS

log = logging.getLogger(__name__)


class ConnectionLimitReached(Exception):
    pass


class Hub:
    def __init__(self) -> None:
        self._connections: dict[int, set[WebSocket]] = defaultdict(set)
        self._outboxes: dict[WebSocket, asyncio.Queue[dict[str, Any]]] = {}

    def count(self, customer_id: int) -> int:
        return len(self._connections.get(customer_id, ()))

    async def register(self, customer_id: int, websocket: WebSocket, limit: int | None = None) -> None:
        if limit is not None and self.count(customer_id) >= limit:
            raise ConnectionLimitReached(customer_id)
        self._connections[customer_id].add(websocket)
        WS_CONNECTIONS.inc()

    async def unregister(self, customer_id: int, websocket: WebSocket) -> None:
        conns = self._connections.get(customer_id)
        if conns and websocket in conns:
            conns.discard(websocket)
            WS_CONNECTIONS.dec()
            if not conns:
                self._connections.pop(customer_id, None)
        self._outboxes.pop(websocket, None)

    def outbox(self, websocket: WebSocket) -> asyncio.Queue[dict[str, Any]]:
        queue = self._outboxes.get(websocket)
        if queue is None:
            queue = self._outboxes[websocket] = asyncio.Queue(maxsize=256)
        return queue

    def enqueue(self, customer_id: int, message: dict[str, Any]) -> None:
        for websocket in list(self._connections.get(customer_id, ())):
            try:
                self.outbox(websocket).put_nowait(message)
            except asyncio.QueueFull:
                log.warning("dropping event for slow websocket client of customer %s", customer_id)

    async def push(self, customer_id: int, message: dict[str, Any]) -> None:
        for websocket in list(self._connections.get(customer_id, ())):
            await websocket.send_json(message)


hub = Hub()


async def relay_events(client: redis.Redis) -> None:
    pubsub = client.pubsub()
    await pubsub.subscribe("custody:events")
    try:
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            event = json.loads(message["data"])
            hub.enqueue(int(event.pop("customer_id")), event)
    finally:
        await pubsub.unsubscribe("custody:events")
        await pubsub.aclose()
