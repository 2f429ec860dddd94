"""Guest/host messaging: websocket fan-out relayed across replicas via redis pub/sub."""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

import redis.asyncio as redis
from fastapi import WebSocket

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "thread:"


class ThreadHub:
    """Sockets connected to this process, keyed by message thread."""

    def __init__(self, bus: redis.Redis) -> None:
        self._bus = bus
        self._sockets: dict[int, set[WebSocket]] = defaultdict(set)
        self._relay_task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._relay_task = asyncio.create_task(self._relay())

    async def stop(self) -> None:
        if self._relay_task is not None:
            self._relay_task.cancel()

    def join(self, thread_id: int, ws: WebSocket) -> None:
        self._sockets[thread_id].add(ws)

    def leave(self, thread_id: int, ws: WebSocket) -> None:
        members = self._sockets.get(thread_id)
        if members is not None:
            members.discard(ws)
            if not members:
                self._sockets.pop(thread_id, None)

    def connection_count(self) -> int:
        return sum(len(s) for s in self._sockets.values())

    async def publish(self, thread_id: int, message: dict[str, Any]) -> None:
        await self._bus.publish(f"{CHANNEL_PREFIX}{thread_id}", json.dumps(message))

    async def _relay(self) -> None:
        pubsub = self._bus.pubsub()
        await pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
        async for msg in pubsub.listen():
            if msg["type"] != "pmessage":
                continue
            thread_id = int(msg["channel"].removeprefix(CHANNEL_PREFIX))
            await self._deliver(thread_id, json.loads(msg["data"]))

    async def _deliver(self, thread_id: int, message: dict[str, Any]) -> None:
        for ws in list(self._sockets.get(thread_id, ())):
            await ws.send_json(message)


class StaffFeed:
    """Operational events pushed to staff dashboards; each socket has its own bounded outbox."""

    def __init__(self, max_pending: int = 100) -> None:
        self._max_pending = max_pending
        self._outboxes: dict[WebSocket, asyncio.Queue[dict[str, Any]]] = {}

    def register(self, ws: WebSocket) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=self._max_pending)
        self._outboxes[ws] = queue
        return queue

    def unregister(self, ws: WebSocket) -> None:
        self._outboxes.pop(ws, None)

    def broadcast(self, event: dict[str, Any]) -> None:
        for ws, queue in list(self._outboxes.items()):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                logger.warning("staff feed outbox full, dropping oldest for %s", ws.client)
                queue.get_nowait()
                queue.put_nowait(event)

    async def pump(self, ws: WebSocket, queue: asyncio.Queue[dict[str, Any]]) -> None:
        while True:
            event = await queue.get()
            await asyncio.wait_for(ws.send_json(event), timeout=5)


class PresenceTracker:
    """Which staff members are online, for the "host is online" badge."""

    def __init__(self) -> None:
        self._online: dict[int, int] = {}

    def seen(self, staff_id: int) -> None:
        self._online[staff_id] = self._online.get(staff_id, 0) + 1

    def gone(self, staff_id: int) -> None:
        left = self._online.get(staff_id, 1) - 1
        if left <= 0:
            self._online.pop(staff_id, None)
        else:
            self._online[staff_id] = left

    def is_online(self, staff_id: int) -> bool:
        return staff_id in self._online
