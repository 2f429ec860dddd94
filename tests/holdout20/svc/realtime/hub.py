"""Real-time fan-out to agent consoles: organisation events (via Redis pub/sub) and per-ticket streams."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis

logger = logging.getLogger(__name__)

SUBSCRIBER_QUEUE_SIZE = 256
CHANNEL_PREFIX = "org-events:"


class Subscriber:
    __slots__ = ("agent_id", "org_id", "queue")

    def __init__(self, agent_id: int, org_id: int) -> None:
        self.agent_id = agent_id
        self.org_id = org_id
        self.queue: asyncio.Queue[str] = asyncio.Queue(maxsize=SUBSCRIBER_QUEUE_SIZE)


class PresenceHub:
    def __init__(self, redis: Redis, max_connections: int) -> None:
        self._redis = redis
        self._max_connections = max_connections
        self._subscribers: dict[int, set[Subscriber]] = defaultdict(set)
        self._count = 0
        self._running = False
        self._listener: asyncio.Task[None] | None = None

    def has_capacity(self) -> bool:
        return self._count < self._max_connections

    def register(self, agent_id: int, org_id: int) -> Subscriber:
        subscriber = Subscriber(agent_id, org_id)
        self._subscribers[org_id].add(subscriber)
        self._count += 1
        return subscriber

    def unregister(self, subscriber: Subscriber) -> None:
        subscribers = self._subscribers.get(subscriber.org_id)
        if subscribers is None or subscriber not in subscribers:
            return
        subscribers.discard(subscriber)
        self._count -= 1
        if not subscribers:
            del self._subscribers[subscriber.org_id]

    async def publish(self, org_id: int, event: dict[str, Any]) -> None:
        await self._redis.publish(f"{CHANNEL_PREFIX}{org_id}", json.dumps(event))

    def _deliver_local(self, org_id: int, payload: str) -> None:
        for subscriber in list(self._subscribers.get(org_id, ())):
            try:
                subscriber.queue.put_nowait(payload)
            except asyncio.QueueFull:
                logger.warning("dropping slow console subscriber agent=%s org=%s", subscriber.agent_id, org_id)
                self.unregister(subscriber)

    async def start(self) -> None:
        self._running = True
        self._listener = asyncio.create_task(self._listen(), name="presence-hub-listener")

    async def stop(self) -> None:
        self._running = False
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    async def _listen(self) -> None:
        backoff = 0.5
        while self._running:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
                    backoff = 0.5
                    async for message in pubsub.listen():
                        if message["type"] != "pmessage":
                            continue
                        org_id = int(message["channel"].removeprefix(CHANNEL_PREFIX))
                        self._deliver_local(org_id, message["data"])
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("presence hub listener failed; reconnecting in %.1fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)


class TicketWatchers:
    def __init__(self) -> None:
        self._by_ticket: dict[int, set[WebSocket]] = defaultdict(set)
        self._outbox: asyncio.Queue[tuple[int, dict[str, Any]]] = asyncio.Queue()
        self._pump: asyncio.Task[None] | None = None

    def add(self, ticket_id: int, websocket: WebSocket) -> None:
        self._by_ticket[ticket_id].add(websocket)

    def discard(self, ticket_id: int, websocket: WebSocket) -> None:
        sockets = self._by_ticket.get(ticket_id)
        if sockets is not None:
            sockets.discard(websocket)
            if not sockets:
                del self._by_ticket[ticket_id]

    def enqueue(self, ticket_id: int, event: dict[str, Any]) -> None:
        self._outbox.put_nowait((ticket_id, event))

    async def start(self) -> None:
        self._pump = asyncio.create_task(self._run(), name="ticket-watchers-pump")

    async def stop(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump

    async def _run(self) -> None:
        while True:
            ticket_id, event = await self._outbox.get()
            await self.broadcast(ticket_id, event)

    async def broadcast(self, ticket_id: int, event: dict[str, Any]) -> None:
        for websocket in list(self._by_ticket.get(ticket_id, ())):
            await websocket.send_json(event)
