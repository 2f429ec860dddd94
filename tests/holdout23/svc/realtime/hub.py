"""Live floor and waitlist events.

Events are published on Redis; every replica delivers them to the sockets it holds.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from fastapi import WebSocket, WebSocketDisconnect
from redis.asyncio import Redis

if TYPE_CHECKING:
    from redis.asyncio.client import PubSub

logger = logging.getLogger(__name__)


class FloorHub:
    def __init__(self, redis: Redis, max_per_venue: int) -> None:
        self._redis = redis
        self._max_per_venue = max_per_venue
        self._local: dict[int, set[WebSocket]] = defaultdict(set)
        self._lock = asyncio.Lock()

    def connection_count(self) -> int:
        return sum(len(conns) for conns in self._local.values())

    async def register(self, venue_id: int, websocket: WebSocket) -> bool:
        async with self._lock:
            conns = self._local[venue_id]
            if len(conns) >= self._max_per_venue:
                return False
            conns.add(websocket)
            return True

    def unregister(self, venue_id: int, websocket: WebSocket) -> None:
        conns = self._local.get(venue_id)
        if conns is None:
            return
        conns.discard(websocket)
        if not conns:
            del self._local[venue_id]

    async def publish(self, venue_id: int, event: dict[str, Any]) -> None:
        await self._redis.publish(f"floor:{venue_id}", json.dumps(event, default=str))

    async def run_listener(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe("floor:*")
        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                venue_id = int(message["channel"].decode().split(":", 1)[1])
                await self._fanout(venue_id, message["data"].decode())
        finally:
            await pubsub.aclose()

    async def _fanout(self, venue_id: int, text: str) -> None:
        for websocket in list(self._local.get(venue_id, ())):
            try:
                await websocket.send_text(text)
            except (WebSocketDisconnect, RuntimeError):
                logger.info("dropping dead floor socket for venue %s", venue_id)
                self.unregister(venue_id, websocket)


class WaitlistFeed:
    """Per-entry updates for the guest-facing waitlist page."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    @staticmethod
    def channel(entry_id: int) -> str:
        return f"waitlist:{entry_id}"

    async def publish(self, entry_id: int, event: dict[str, Any]) -> None:
        await self._redis.publish(self.channel(entry_id), json.dumps(event, default=str))

    @asynccontextmanager
    async def subscription(self, entry_id: int) -> AsyncIterator[PubSub]:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(self.channel(entry_id))
        try:
            yield pubsub
        finally:
            await pubsub.unsubscribe()
            await pubsub.aclose()
