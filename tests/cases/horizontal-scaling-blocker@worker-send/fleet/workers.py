from __future__ import annotations

import asyncio
import json

from redis.asyncio import Redis

from fleet.sockets import CourierSockets, DeskSockets


class OfferWorker:
    """Claims unassigned parcels from the database and offers them to a courier."""

    def __init__(self, sockets: CourierSockets, repo) -> None:
        self._sockets = sockets
        self._repo = repo

    async def run(self) -> None:
        while True:
            for parcel in await self._repo.claim_unassigned(limit=20):
                await self._sockets.push(parcel.courier_id, {"type": "offer", "parcel": parcel.id})
            await asyncio.sleep(2)


class DeskRelay:
    def __init__(self, sockets: DeskSockets, redis: Redis) -> None:
        self._sockets = sockets
        self._redis = redis

    async def run(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe("desk-events")
        async for message in pubsub.listen():
            if message["type"] == "message":
                event = json.loads(message["data"])
                await self._sockets.push(event["desk_id"], event)


class QueuedDeskRelay:
    """Listener and sender apart: the listener queues what the channel delivers, the sender drains it."""

    def __init__(self, sockets: DeskSockets, redis: Redis) -> None:
        self._sockets = sockets
        self._redis = redis
        self._events: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)

    async def listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe("desk-alerts")
        async for message in pubsub.listen():
            if message["type"] == "message":
                self._events.put_nowait(json.loads(message["data"]))

    async def deliver(self) -> None:
        while True:
            event = await self._events.get()
            await self._sockets.push(event["desk_id"], event)
