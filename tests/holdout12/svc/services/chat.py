"""Live chat during streams: local socket registry with redis pub/sub fan-out."""
import asyncio
import json
import logging
import time
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass, field

from redis.asyncio import Redis
from starlette.websockets import WebSocket

from svc.config import Settings

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "chat:room:"


@dataclass
class ChatConnection:
    conn_id: str
    user_id: uuid.UUID
    websocket: WebSocket
    outbox: asyncio.Queue[str] = field(default_factory=lambda: asyncio.Queue(maxsize=256))


class MessageRateLimiter:
    def __init__(self, per_10s: int) -> None:
        self._per_10s = per_10s
        self._recent: dict[uuid.UUID, deque[float]] = defaultdict(deque)

    def allow(self, user_id: uuid.UUID) -> bool:
        now = time.monotonic()
        window = self._recent[user_id]
        while window and now - window[0] > 10:
            window.popleft()
        if len(window) >= self._per_10s:
            return False
        window.append(now)
        return True


class ChatHub:
    def __init__(self, redis: Redis, settings: Settings) -> None:
        self._redis = redis
        self._settings = settings
        self._rooms: dict[str, dict[str, ChatConnection]] = {}
        self._kicked: dict[str, set[uuid.UUID]] = defaultdict(set)
        self._pins: dict[str, str] = {}
        self._rooms_lock = asyncio.Lock()
        self._bans_lock = asyncio.Lock()
        self._pins_lock = asyncio.Lock()
        self.limiter = MessageRateLimiter(settings.chat_messages_per_10s)

    async def join(self, room_id: str, conn: ChatConnection) -> bool:
        async with self._rooms_lock:
            room = self._rooms.setdefault(room_id, {})
            if len(room) >= self._settings.chat_max_connections_per_room:
                return False
            room[conn.conn_id] = conn
        return True

    async def leave(self, room_id: str, conn_id: str) -> None:
        async with self._rooms_lock:
            room = self._rooms.get(room_id)
            if room is not None:
                room.pop(conn_id, None)
                if not room:
                    del self._rooms[room_id]

    async def is_banned(self, room_id: str, user_id: uuid.UUID) -> bool:
        return bool(await self._redis.sismember(f"chat:bans:{room_id}", str(user_id)))

    async def publish(self, room_id: str, user_id: uuid.UUID, text: str) -> None:
        payload = json.dumps({"type": "message", "user": str(user_id), "text": text, "ts": time.time()})
        await self._redis.publish(CHANNEL_PREFIX + room_id, payload)

    async def deliver_local(self, room_id: str, payload: str) -> None:
        for conn in list(self._rooms.get(room_id, {}).values()):
            try:
                conn.outbox.put_nowait(payload)
            except asyncio.QueueFull:
                logger.info("dropping chat message for slow client", extra={"conn": conn.conn_id})

    async def announce(self, room_id: str, text: str) -> None:
        payload = json.dumps({"type": "system", "text": text})
        for conn in self._rooms.get(room_id, {}).values():
            await conn.websocket.send_text(payload)

    async def ban_user(self, room_id: str, user_id: uuid.UUID) -> None:
        await self._redis.sadd(f"chat:bans:{room_id}", str(user_id))
        async with self._bans_lock, self._rooms_lock:
            self._kicked[room_id].add(user_id)
            for conn in self._rooms.get(room_id, {}).values():
                if conn.user_id == user_id:
                    conn.outbox.put_nowait(json.dumps({"type": "banned"}))

    async def close_room(self, room_id: str) -> None:
        async with self._rooms_lock:
            room = self._rooms.pop(room_id, {})
            async with self._bans_lock:
                self._kicked.pop(room_id, None)
            async with self._pins_lock:
                self._pins.pop(room_id, None)
        for conn_id, conn in list(room.items()):
            room.pop(conn_id, None)
            conn.outbox.put_nowait(json.dumps({"type": "closed"}))

    async def pin(self, room_id: str, text: str) -> None:
        async with self._rooms_lock:
            if room_id not in self._rooms:
                return
            pins_lock = self._pins_lock
            async with pins_lock:
                self._pins[room_id] = text

    async def relay(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe(CHANNEL_PREFIX + "*")
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is None:
                continue
            room_id = message["channel"].removeprefix(CHANNEL_PREFIX)
            await self.deliver_local(room_id, message["data"])
