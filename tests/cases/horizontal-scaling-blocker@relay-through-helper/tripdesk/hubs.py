"""Trip sockets held by this process; every replica relays the shared channel to its own."""
from __future__ import annotations

import asyncio
import json
from collections import defaultdict

import redis.asyncio as redis
from starlette.websockets import WebSocket


class TripHub:
    def __init__(self) -> None:
        self._sockets: dict[str, set[WebSocket]] = defaultdict(set)

    def add(self, reservation_id: str, ws: WebSocket) -> None:
        self._sockets[reservation_id].add(ws)

    def discard(self, reservation_id: str, ws: WebSocket) -> None:
        self._sockets[reservation_id].discard(ws)

    async def send_to(self, reservation_id: str, payload: dict) -> int:
        delivered = 0
        for ws in list(self._sockets.get(reservation_id, ())):
            await ws.send_json(payload)
            delivered += 1
        return delivered


class RiderFanout:
    """The listener hands each message to a helper that queues it; the dispatcher delivers."""

    def __init__(self, hub: TripHub) -> None:
        self._hub = hub
        self._redis = redis.Redis()
        self._inbox: asyncio.Queue[str] = asyncio.Queue(maxsize=1000)

    async def publish(self, reservation_id: str, payload: dict) -> None:
        await self._redis.publish("trips", json.dumps({"id": reservation_id, "payload": payload}))

    def _offer(self, data: str) -> None:
        if not self._inbox.full():
            self._inbox.put_nowait(data)

    async def listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe("trips")
        async for message in pubsub.listen():
            if message["type"] == "message":
                self._offer(message["data"])

    async def dispatch(self) -> None:
        while True:
            body = json.loads(await self._inbox.get())
            await self._hub.send_to(body["id"], body["payload"])
