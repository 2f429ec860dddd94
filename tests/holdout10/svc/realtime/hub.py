"""Live envelope status over websockets, relayed between replicas through redis pub/sub."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections import defaultdict
from typing import Any
from uuid import UUID

from fastapi import WebSocket
from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.websockets import WebSocketState

from svc.config import settings

logger = logging.getLogger(__name__)

_CHANNEL_PREFIX = "envelope:"


class ConnectionHub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._node = uuid.uuid4().hex
        self._rooms: dict[UUID, set[WebSocket]] = defaultdict(set)
        self._outboxes: dict[WebSocket, asyncio.Queue[str]] = {}
        self._rooms_lock = asyncio.Lock()
        self._outbox_lock = asyncio.Lock()
        self._listener: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="status-relay")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    async def join(self, envelope_id: UUID, ws: WebSocket) -> bool:
        async with self._rooms_lock:
            room = self._rooms[envelope_id]
            if len(room) >= settings.ws_max_connections_per_envelope:
                return False
            await self._redis.hincrby(f"presence:{envelope_id}", self._node, 1)
            async with self._outbox_lock:
                room.add(ws)
                self._outboxes[ws] = asyncio.Queue(maxsize=64)
        return True

    async def leave(self, envelope_id: UUID, ws: WebSocket) -> None:
        async with self._outbox_lock:
            self._outboxes.pop(ws, None)
            async with self._rooms_lock:
                room = self._rooms.get(envelope_id)
                if room is not None:
                    room.discard(ws)
                    if not room:
                        del self._rooms[envelope_id]
                await self._redis.hincrby(f"presence:{envelope_id}", self._node, -1)

    async def pump(self, ws: WebSocket) -> None:
        queue = self._outboxes[ws]
        while ws.client_state is WebSocketState.CONNECTED:
            await ws.send_text(await queue.get())

    async def publish(self, envelope_id: UUID, event: dict[str, Any]) -> None:
        await self._redis.publish(f"{_CHANNEL_PREFIX}{envelope_id}", json.dumps(event))

    def _deliver_local(self, envelope_id: UUID, data: str) -> None:
        for ws in self._rooms.get(envelope_id, ()):
            queue = self._outboxes.get(ws)
            if queue is None:
                continue
            try:
                queue.put_nowait(data)
            except asyncio.QueueFull:
                logger.warning("dropping a status update for a slow client on envelope %s", envelope_id)

    async def _listen(self) -> None:
        backoff = 1.0
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.psubscribe(f"{_CHANNEL_PREFIX}*")
                while pubsub.subscribed:
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                    if message is None:
                        continue
                    self._deliver_local(UUID(message["channel"].removeprefix(_CHANNEL_PREFIX)), message["data"])
                    backoff = 1.0
            except RedisError:
                logger.exception("status relay lost its subscription, retrying in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
            finally:
                await pubsub.aclose()


class DashboardFeed:
    """Account-level activity feed for the sender dashboard."""

    def __init__(self) -> None:
        self._feeds: dict[UUID, set[WebSocket]] = defaultdict(set)

    def subscribe(self, account_id: UUID, ws: WebSocket) -> None:
        self._feeds[account_id].add(ws)

    def unsubscribe(self, account_id: UUID, ws: WebSocket) -> None:
        self._feeds[account_id].discard(ws)

    async def publish(self, account_id: UUID, event: dict[str, Any]) -> None:
        targets = list(self._feeds.get(account_id, ()))
        for ws in targets:
            await ws.send_json(event)
