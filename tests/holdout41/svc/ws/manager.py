"""Live notification connections.

Each replica keeps its own sockets; notifications are published on redis and every
replica delivers to whichever of its local sockets belong to the recipient.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random

import redis.asyncio as redis
from starlette.websockets import WebSocket

from svc.observability import DROPPED_NOTIFICATIONS


log = logging.getLogger(__name__)

CHANNEL_PATTERN = "notify:user:*"
ANNOUNCE_CHANNEL = "notify:announce"


class Connection:
    def __init__(self, ws: WebSocket, user_id: int, queue_size: int) -> None:
        self.ws = ws
        self.user_id = user_id
        self.queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=queue_size)
        self.sender: asyncio.Task | None = None

    def offer(self, message: dict) -> bool:
        try:
            self.queue.put_nowait(message)
            return True
        except asyncio.QueueFull:
            DROPPED_NOTIFICATIONS.labels("slow_consumer").inc()
            return False

    async def pump(self) -> None:
        while True:
            message = await self.queue.get()
            await asyncio.wait_for(self.ws.send_json(message), timeout=5.0)


class ConnectionManager:
    def __init__(self, pubsub_client: redis.Redis, queue_size: int = 100) -> None:
        self._redis = pubsub_client
        self._queue_size = queue_size
        self._conns: dict[int, set[Connection]] = {}

    def count(self, user_id: int) -> int:
        return len(self._conns.get(user_id, ()))

    def local_users(self) -> set[int]:
        return set(self._conns)

    def register(self, ws: WebSocket, user_id: int) -> Connection:
        conn = Connection(ws, user_id, self._queue_size)
        self._conns.setdefault(user_id, set()).add(conn)
        conn.sender = asyncio.create_task(conn.pump(), name=f"ws-pump-{user_id}")
        return conn

    async def unregister(self, conn: Connection) -> None:
        if conn.sender is not None:
            conn.sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await conn.sender
        peers = self._conns.get(conn.user_id)
        if peers is not None:
            peers.discard(conn)
            if not peers:
                del self._conns[conn.user_id]

    def deliver_local(self, user_id: int, message: dict) -> int:
        delivered = 0
        for conn in self._conns.get(user_id, ()):
            delivered += conn.offer(message)
        return delivered

    async def broadcast_announcement(self, message: dict) -> None:
        for peers in list(self._conns.values()):
            for conn in list(peers):
                await conn.ws.send_json(message)

    async def listen(self) -> None:
        """Relay redis notifications to local sockets; reconnects with backoff on failure."""
        delay = 0.5
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.psubscribe(CHANNEL_PATTERN)
                await pubsub.subscribe(ANNOUNCE_CHANNEL)
                delay = 0.5
                async for raw in pubsub.listen():
                    if raw["type"] not in ("pmessage", "message"):
                        continue
                    payload = json.loads(raw["data"])
                    if raw["channel"] == ANNOUNCE_CHANNEL:
                        await self.broadcast_announcement(payload)
                    else:
                        user_id = int(raw["channel"].rsplit(":", 1)[1])
                        self.deliver_local(user_id, payload)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("notification relay failed; reconnecting in %.1fs", delay)
                await asyncio.sleep(delay + random.random() * delay)
                delay = min(delay * 2, 30.0)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
