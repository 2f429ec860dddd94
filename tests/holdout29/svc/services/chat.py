"""Live classroom chat: local socket registry, fan-out over the chat Redis bus."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field

from fastapi import WebSocket
from redis.asyncio import Redis

logger = logging.getLogger(__name__)

OUTBOX_SIZE = 256


@dataclass(eq=False, slots=True)
class ChatConnection:
    websocket: WebSocket
    user_id: int
    room_id: str
    outbox: asyncio.Queue[str] = field(default_factory=lambda: asyncio.Queue(maxsize=OUTBOX_SIZE))


class ChatHub:
    """Tracks the sockets connected to this process; other replicas receive messages through the bus."""

    def __init__(self, bus: Redis, max_per_room: int) -> None:
        self._bus = bus
        self._max_per_room = max_per_room
        self._rooms: dict[str, set[ChatConnection]] = {}
        self._rooms_by_user: dict[int, set[str]] = {}
        self._rooms_lock = asyncio.Lock()
        self._users_lock = asyncio.Lock()

    async def join(self, conn: ChatConnection) -> bool:
        async with self._rooms_lock:
            async with self._users_lock:
                members = self._rooms.setdefault(conn.room_id, set())
                if len(members) >= self._max_per_room:
                    return False
                members.add(conn)
                self._rooms_by_user.setdefault(conn.user_id, set()).add(conn.room_id)
        return True

    async def leave(self, conn: ChatConnection) -> None:
        async with self._users_lock, self._rooms_lock:
            rooms = self._rooms_by_user.get(conn.user_id, set())
            members = self._rooms.get(conn.room_id, set())
            members.discard(conn)
            if not members:
                self._rooms.pop(conn.room_id, None)
            if not any(c.user_id == conn.user_id for c in members):
                rooms.discard(conn.room_id)
            if not rooms:
                self._rooms_by_user.pop(conn.user_id, None)

    def rooms_of(self, user_id: int) -> frozenset[str]:
        return frozenset(self._rooms_by_user.get(user_id, ()))

    async def publish(self, room_id: str, message: dict) -> None:
        await self._bus.publish(f"chat:{room_id}", json.dumps(message))

    def deliver_local(self, room_id: str, message: str) -> None:
        for conn in list(self._rooms.get(room_id, ())):
            try:
                conn.outbox.put_nowait(message)
            except asyncio.QueueFull:
                logger.warning("dropping message for slow chat client user=%s room=%s", conn.user_id, room_id)

    async def pump(self, conn: ChatConnection) -> None:
        while True:
            text = await conn.outbox.get()
            await conn.websocket.send_text(text)

    async def relay(self) -> None:
        """Forward bus messages to local sockets. Run under the task supervisor."""
        pubsub = self._bus.pubsub()
        await pubsub.psubscribe("chat:*")
        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                self.deliver_local(message["channel"].removeprefix("chat:"), message["data"])
        finally:
            await pubsub.aclose()
