"""Fan-out of document events between instances over redis pub/sub."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field

from fastapi import WebSocket

from docflow.redis_client import redis

log = logging.getLogger(__name__)

CHANNEL_PREFIX = "doc:"
OUTBOX_SIZE = 256


@dataclass(eq=False)
class Connection:
    ws: WebSocket
    user_id: str
    client_id: str
    outbox: asyncio.Queue[str] = field(default_factory=lambda: asyncio.Queue(maxsize=OUTBOX_SIZE))
    closed: bool = False

    def offer(self, message: str) -> bool:
        try:
            self.outbox.put_nowait(message)
            return True
        except asyncio.QueueFull:
            return False

    async def pump(self) -> None:
        while not self.closed:
            message = await self.outbox.get()
            await self.ws.send_text(message)


class Hub:
    def __init__(self) -> None:
        self.rooms: dict[str, set[Connection]] = {}
        self._listener: asyncio.Task | None = None
        self._pubsub = None

    async def start(self) -> None:
        self._pubsub = redis().pubsub(ignore_subscribe_messages=True)
        await self._pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
        self._listener = asyncio.create_task(self._listen(), name="hub-listener")

    async def stop(self) -> None:
        if self._listener:
            self._listener.cancel()
        if self._pubsub is not None:
            await self._pubsub.aclose()

    async def _listen(self) -> None:
        async for message in self._pubsub.listen():
            room = message["channel"].removeprefix(CHANNEL_PREFIX)
            self._deliver_local(room, message["data"])

    def _deliver_local(self, room: str, data: str) -> None:
        for conn in list(self.rooms.get(room, ())):
            if not conn.offer(data):
                log.info("dropping slow client %s in %s", conn.client_id, room)
                conn.closed = True
                self.rooms[room].discard(conn)

    def join(self, room: str, conn: Connection) -> None:
        self.rooms.setdefault(room, set()).add(conn)

    def leave(self, room: str, conn: Connection) -> None:
        members = self.rooms.get(room)
        if members is None:
            return
        members.discard(conn)
        if not members:
            del self.rooms[room]

    async def publish(self, room: str, event: dict) -> None:
        await redis().publish(f"{CHANNEL_PREFIX}{room}", json.dumps(event, default=str))

    def local_count(self, room: str) -> int:
        return len(self.rooms.get(room, ()))


hub = Hub()
