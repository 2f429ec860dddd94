"""Live arrivals / check-in feed for front-desk screens."""
from __future__ import annotations

import asyncio
import itertools
import logging
from typing import Any

from starlette.websockets import WebSocket

logger = logging.getLogger(__name__)

_ids = itertools.count(1)


class FeedClient:
    def __init__(self, websocket: WebSocket, hotel_id: int) -> None:
        self.id = next(_ids)
        self.hotel_id = hotel_id
        self.websocket = websocket
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def pump(self) -> None:
        while True:
            event = await self.queue.get()
            await self.websocket.send_json(event)


class ArrivalsFeed:
    def __init__(self) -> None:
        self.clients: dict[int, FeedClient] = {}

    def add(self, client: FeedClient) -> None:
        self.clients[client.id] = client

    def remove(self, client: FeedClient) -> None:
        self.clients.pop(client.id, None)

    def publish(self, hotel_id: int, event: dict[str, Any]) -> int:
        delivered = 0
        for client in self.clients.values():
            if client.hotel_id == hotel_id:
                client.queue.put_nowait(event)
                delivered += 1
        return delivered


feed = ArrivalsFeed()
