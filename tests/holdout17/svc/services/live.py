"""Live tracking fan-out to websocket subscribers.

Updates are published on a Redis channel; every replica listens and delivers
them to the sockets it holds, so a subscriber may be connected to any replica.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

import redis.asyncio as redis
from starlette.websockets import WebSocket

from svc.errors import CapacityError

logger = logging.getLogger(__name__)

CHANNEL = "tracking-updates"
WATCHED_SET = "trk:watched"


class LiveHub:
    def __init__(self, redis_client: redis.Redis, max_connections: int) -> None:
        self._redis = redis_client
        self._max_connections = max_connections
        self._tracking: dict[str, set[WebSocket]] = {}
        self._depot_outboxes: dict[int, dict[WebSocket, asyncio.Queue[dict[str, Any]]]] = defaultdict(dict)
        self._lock = asyncio.Lock()

    @property
    def connection_count(self) -> int:
        return sum(len(s) for s in self._tracking.values()) + sum(len(d) for d in self._depot_outboxes.values())

    async def subscribe(self, tracking_number: str, websocket: WebSocket) -> None:
        if tracking_number not in self._tracking:
            await self._redis.sadd(WATCHED_SET, tracking_number)
            self._tracking[tracking_number] = set()
        self._tracking[tracking_number].add(websocket)

    def unsubscribe(self, tracking_number: str, websocket: WebSocket) -> None:
        sockets = self._tracking.get(tracking_number)
        if sockets is not None:
            sockets.discard(websocket)
            if not sockets:
                del self._tracking[tracking_number]

    async def attach_depot(self, depot_id: int, websocket: WebSocket) -> asyncio.Queue[dict[str, Any]]:
        async with self._lock:
            if self.connection_count >= self._max_connections:
                raise CapacityError("live connection limit reached")
            outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)
            self._depot_outboxes[depot_id][websocket] = outbox
        return outbox

    def detach_depot(self, depot_id: int, websocket: WebSocket) -> None:
        sockets = self._depot_outboxes.get(depot_id)
        if sockets is not None:
            sockets.pop(websocket, None)
            if not sockets:
                del self._depot_outboxes[depot_id]

    async def publish(self, update: dict[str, Any]) -> None:
        await self._redis.publish(CHANNEL, json.dumps(update, default=str))

    async def listen(self) -> None:
        async with self._redis.pubsub() as pubsub:
            await pubsub.subscribe(CHANNEL)
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                await self._fan_out(json.loads(message["data"]))

    async def _fan_out(self, update: dict[str, Any]) -> None:
        for websocket in list(self._tracking.get(update["tracking_number"], ())):
            await websocket.send_json(update)
        depot_id = update.get("depot_id")
        if depot_id is not None:
            self._offer_to_depot(int(depot_id), update)

    def _offer_to_depot(self, depot_id: int, update: dict[str, Any]) -> None:
        for outbox in self._depot_outboxes.get(depot_id, {}).values():
            try:
                outbox.put_nowait(update)
            except asyncio.QueueFull:
                logger.debug("depot %s dashboard is behind, dropping update", depot_id)
