from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

from fastapi import WebSocket
from redis.asyncio import Redis

from arenaplay.infra.pubsub import subscribe

logger = logging.getLogger(__name__)


class Outbox:
    """Per-connection send buffer drained by a writer task."""

    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket
        self.queue: asyncio.Queue[bytes] = asyncio.Queue()

    async def run(self) -> None:
        while True:
            frame = await self.queue.get()
            await self.websocket.send_bytes(frame)


class MatchHub:
    """Fans match frames out to the sockets of players in the same match."""

    def __init__(self) -> None:
        self._rooms: dict[str, set[Outbox]] = defaultdict(set)
        self._lock = asyncio.Lock()

    async def join(self, match_id: str, outbox: Outbox) -> None:
        async with self._lock:
            self._rooms[match_id].add(outbox)

    async def leave(self, match_id: str, outbox: Outbox) -> None:
        async with self._lock:
            room = self._rooms.get(match_id)
            if room is not None:
                room.discard(outbox)
                if not room:
                    del self._rooms[match_id]

    async def broadcast(self, match_id: str, frame: bytes) -> None:
        async with self._lock:
            targets = set(self._rooms.get(match_id, ()))
        for outbox in targets:
            outbox.queue.put_nowait(frame)

    def room_size(self, match_id: str) -> int:
        return len(self._rooms.get(match_id, ()))

    async def run_relay(self, redis: Redis) -> None:
        async for message in subscribe(redis, "match:*"):
            match_id = message["channel"].split(":", 1)[1]
            await self.broadcast(match_id, json.dumps(message["data"]).encode())


class SpectatorHub:
    """Bounded, lossy fan-out for spectators: a slow viewer drops frames instead of stalling the match."""

    def __init__(self, maxsize: int = 64) -> None:
        self._maxsize = maxsize
        self._viewers: dict[str, set[asyncio.Queue[bytes]]] = defaultdict(set)

    def attach(self, match_id: str) -> asyncio.Queue[bytes]:
        queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=self._maxsize)
        self._viewers[match_id].add(queue)
        return queue

    def detach(self, match_id: str, queue: asyncio.Queue[bytes]) -> None:
        viewers = self._viewers.get(match_id)
        if viewers is not None:
            viewers.discard(queue)
            if not viewers:
                self._viewers.pop(match_id, None)

    def publish(self, match_id: str, frame: bytes) -> None:
        for queue in self._viewers.get(match_id, ()):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(frame)
