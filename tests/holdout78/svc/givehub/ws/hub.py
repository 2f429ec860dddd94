from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

import redis.asyncio as aioredis
from fastapi import WebSocket

from ..settings import Settings

logger = logging.getLogger(__name__)


class TickerPublisher:
    """Publishes donation events; every API replica's hub relays them to its sockets."""

    def __init__(self, redis: aioredis.Redis, settings: Settings) -> None:
        self._redis = redis
        self._channel = settings.ticker_channel

    async def donation(self, campaign_id: int, display_name: str, amount_cents: int, raised_cents: int) -> None:
        event = {
            "type": "donation",
            "campaign_id": campaign_id,
            "name": display_name,
            "amount": amount_cents,
            "raised": raised_cents,
        }
        await self._redis.publish(self._channel, json.dumps(event))
        await self._redis.xadd(f"ticker:stream:{campaign_id}", {"e": json.dumps(event)}, maxlen=500, approximate=True)

    async def milestone(self, campaign_id: int, percent: int) -> None:
        await self._redis.publish(
            self._channel, json.dumps({"type": "milestone", "campaign_id": campaign_id, "percent": percent})
        )


class TickerConnection:
    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self.sender: asyncio.Task | None = None

    async def pump(self) -> None:
        while True:
            payload = await self.queue.get()
            await self.websocket.send_text(payload)


class TickerHub:
    """Local fan-out for the donation ticker. Each replica subscribes to the shared redis
    channel and relays events to the sockets connected to it."""

    def __init__(self, redis: aioredis.Redis, channel: str) -> None:
        self._redis = redis
        self._channel = channel
        self._rooms: defaultdict[int, set[TickerConnection]] = defaultdict(set)
        self._listener: asyncio.Task | None = None

    @property
    def count(self) -> int:
        return sum(len(room) for room in self._rooms.values())

    async def join(self, campaign_id: int, websocket: WebSocket) -> TickerConnection:
        conn = TickerConnection(websocket)
        conn.sender = asyncio.create_task(conn.pump(), name=f"ticker-send-{campaign_id}")
        self._rooms[campaign_id].add(conn)
        return conn

    async def leave(self, campaign_id: int, conn: TickerConnection) -> None:
        room = self._rooms.get(campaign_id)
        if room is not None:
            room.discard(conn)
            if not room:
                del self._rooms[campaign_id]
        if conn.sender is not None:
            conn.sender.cancel()

    def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="ticker-hub")

    async def _listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(self._channel)
        async for message in pubsub.listen():
            if message["type"] != "message":
                continue
            event = json.loads(message["data"])
            for conn in self._rooms.get(event["campaign_id"], ()):
                conn.queue.put_nowait(message["data"])

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
        for room in self._rooms.values():
            for conn in room:
                if conn.sender is not None:
                    conn.sender.cancel()
