"""Live blogs for readers: fan-out hub (entries are published on redis so every replica
delivers them) and the public websocket stream."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status
from redis.asyncio import Redis

from ..config import get_settings


log = logging.getLogger(__name__)

CHANNEL_PREFIX = "live:"
OUTBOX_SIZE = 200


@dataclass(eq=False)
class ReaderConnection:
    ws: WebSocket
    blog_id: int
    outbox: asyncio.Queue[str] = field(default_factory=lambda: asyncio.Queue(maxsize=OUTBOX_SIZE))
    dropped: int = 0

    def offer(self, message: str) -> None:
        try:
            self.outbox.put_nowait(message)
        except asyncio.QueueFull:
            self.dropped += 1


class ReaderHub:
    def __init__(self, redis: Redis, max_per_blog: int) -> None:
        self._redis = redis
        self._max_per_blog = max_per_blog
        self._rooms: dict[int, set[ReaderConnection]] = defaultdict(set)
        self._listener: asyncio.Task | None = None

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="live-hub-listener")

    async def stop(self) -> None:
        if self._listener:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    def can_join(self, blog_id: int) -> bool:
        return len(self._rooms.get(blog_id, ())) < self._max_per_blog

    def join(self, conn: ReaderConnection) -> None:
        self._rooms[conn.blog_id].add(conn)

    def leave(self, conn: ReaderConnection) -> None:
        room = self._rooms.get(conn.blog_id)
        if room is None:
            return
        room.discard(conn)
        if not room:
            del self._rooms[conn.blog_id]

    def viewers(self, blog_id: int) -> int:
        return len(self._rooms.get(blog_id, ()))

    async def publish(self, blog_id: int, event: dict) -> None:
        await self._redis.publish(f"{CHANNEL_PREFIX}{blog_id}", json.dumps(event))

    async def _listen(self) -> None:
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
                async for message in pubsub.listen():
                    if message.get("type") != "pmessage":
                        continue
                    blog_id = int(message["channel"].removeprefix(CHANNEL_PREFIX))
                    for conn in list(self._rooms.get(blog_id, ())):
                        conn.offer(message["data"])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("live hub listener lost redis; resubscribing in 2s")
                await asyncio.sleep(2)
            finally:
                await pubsub.aclose()


router = APIRouter()


async def _sender(conn: ReaderConnection, heartbeat: float) -> None:
    while True:
        try:
            message = await asyncio.wait_for(conn.outbox.get(), timeout=heartbeat)
        except TimeoutError:
            message = '{"type":"ping"}'
        await conn.ws.send_text(message)


@router.websocket("/live/{blog_id}")
async def live_stream(websocket: WebSocket, blog_id: int) -> None:
    hub: ReaderHub = websocket.app.state.reader_hub
    settings = get_settings()
    if not hub.can_join(blog_id):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    conn = ReaderConnection(websocket, blog_id)
    hub.join(conn)
    sender = asyncio.create_task(_sender(conn, settings.ws_heartbeat_seconds))
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_heartbeat_seconds * 3)
    except (WebSocketDisconnect, TimeoutError):
        pass
    finally:
        hub.leave(conn)
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await sender
