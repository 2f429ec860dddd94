from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from fastapi import WebSocket, WebSocketDisconnect
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from starlette.websockets import WebSocketState

from svc.errors import LimitExceededError

logger = logging.getLogger(__name__)

OUTBOX_SIZE = 100
RATES_CHANNEL = "fx:rates"


@dataclass(frozen=True, slots=True)
class HubEvent:
    user_id: UUID
    event: str
    payload: dict[str, Any]


@dataclass(eq=False)
class ClientConnection:
    websocket: WebSocket
    user_id: UUID
    outbox: asyncio.Queue[str] = field(default_factory=lambda: asyncio.Queue(maxsize=OUTBOX_SIZE))
    writer: asyncio.Task[None] | None = None


class NotificationHub:
    """Per-user websocket fan-out for account notifications."""

    def __init__(self, max_per_user: int) -> None:
        self._max_per_user = max_per_user
        self._connections: dict[UUID, set[ClientConnection]] = defaultdict(set)
        self._last_seen: dict[UUID, float] = {}
        self._registry_lock = asyncio.Lock()
        self._presence_lock = asyncio.Lock()
        self._events: asyncio.Queue[HubEvent] = asyncio.Queue()
        self.transfer_watchers: dict[UUID, set[WebSocket]] = defaultdict(set)

    @property
    def registry_lock(self) -> asyncio.Lock:
        return self._registry_lock

    @property
    def presence_lock(self) -> asyncio.Lock:
        return self._presence_lock

    @property
    def connections(self) -> dict[UUID, set[ClientConnection]]:
        return self._connections

    @property
    def last_seen(self) -> dict[UUID, float]:
        return self._last_seen

    async def register(self, conn: ClientConnection) -> None:
        async with self._registry_lock:
            peers = self._connections[conn.user_id]
            if len(peers) >= self._max_per_user:
                raise LimitExceededError("too many open connections")
            peers.add(conn)
            async with self._presence_lock:
                self._last_seen[conn.user_id] = time.monotonic()
        conn.writer = asyncio.create_task(self._write_loop(conn), name=f"ws-writer-{conn.user_id}")

    async def unregister(self, conn: ClientConnection) -> None:
        async with self._registry_lock, self._presence_lock:
            peers = self._connections.get(conn.user_id)
            if peers is not None:
                peers.discard(conn)
                if not peers:
                    del self._connections[conn.user_id]
                    self._last_seen.pop(conn.user_id, None)
        if conn.writer is not None:
            conn.writer.cancel()

    def touch(self, user_id: UUID) -> None:
        self._last_seen[user_id] = time.monotonic()

    async def publish(self, user_id: UUID, event: str, payload: dict[str, Any]) -> None:
        await self._events.put(HubEvent(user_id=user_id, event=event, payload=payload))

    async def next_event(self) -> HubEvent:
        return await self._events.get()

    def deliver(self, event: HubEvent) -> int:
        message = json.dumps({"event": event.event, "data": event.payload}, default=str)
        delivered = 0
        for conn in self._connections.get(event.user_id, ()):
            try:
                conn.outbox.put_nowait(message)
                delivered += 1
            except asyncio.QueueFull:
                logger.warning("dropping %s for a slow socket of user %s", event.event, event.user_id)
        return delivered

    async def _write_loop(self, conn: ClientConnection) -> None:
        try:
            while conn.websocket.client_state == WebSocketState.CONNECTED:
                message = await conn.outbox.get()
                await conn.websocket.send_text(message)
        except (WebSocketDisconnect, RuntimeError):
            logger.debug("writer for user %s stopped: socket closed", conn.user_id)


class RatesHub:
    """Public FX ticker; rates are fanned out across replicas through Redis pub/sub."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._clients: set[WebSocket] = set()
        self.latest: dict[str, str] = {}

    async def add(self, websocket: WebSocket) -> None:
        self._clients.add(websocket)

    def discard(self, websocket: WebSocket) -> None:
        self._clients.discard(websocket)

    async def publish(self, rates: dict[str, str]) -> None:
        await self._redis.publish(RATES_CHANNEL, json.dumps(rates))

    async def listen(self) -> None:
        while True:
            try:
                await self._consume()
            except RedisConnectionError:
                logger.warning("rates channel connection lost, resubscribing")

    async def _consume(self) -> None:
        async with self._redis.pubsub() as pubsub:
            await pubsub.subscribe(RATES_CHANNEL)
            while pubsub.subscribed:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                self.latest = json.loads(message["data"])
                await self._broadcast(message["data"])

    async def _broadcast(self, data: str) -> None:
        for websocket in list(self._clients):
            try:
                await websocket.send_text(data)
            except (WebSocketDisconnect, RuntimeError):
                self._clients.discard(websocket)
