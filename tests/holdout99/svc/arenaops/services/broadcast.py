from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

from redis.asyncio import Redis
from starlette.websockets import WebSocket

from arenaops.cache.pubsub import BRACKET_CHANNEL

logger = logging.getLogger(__name__)


class Subscriber:
    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket
        self.queue: asyncio.Queue[str] = asyncio.Queue()

    async def pump(self) -> None:
        while True:
            message = await self.queue.get()
            await self.websocket.send_text(message)


class SpectatorHub:
    """Per-replica registry of spectator sockets; fed from redis pub/sub so every replica sees every event."""

    def __init__(self, redis: Redis, max_connections: int) -> None:
        self._redis = redis
        self._max = max_connections
        self._subs: defaultdict[int, set[Subscriber]] = defaultdict(set)
        self._count = 0

    @property
    def full(self) -> bool:
        return self._count >= self._max

    def join(self, tournament_id: int, websocket: WebSocket) -> Subscriber:
        sub = Subscriber(websocket)
        self._subs[tournament_id].add(sub)
        self._count += 1
        return sub

    def leave(self, tournament_id: int, sub: Subscriber) -> None:
        subs = self._subs.get(tournament_id)
        if subs and sub in subs:
            subs.discard(sub)
            self._count -= 1
            if not subs:
                del self._subs[tournament_id]

    def fan_out(self, tournament_id: int, message: str) -> None:
        for sub in list(self._subs.get(tournament_id, ())):
            sub.queue.put_nowait(message)

    async def listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(BRACKET_CHANNEL)
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            event = json.loads(message["data"])
            self.fan_out(int(event["tournament_id"]), message["data"])
