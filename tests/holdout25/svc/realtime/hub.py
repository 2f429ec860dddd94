"""Live inspection status fan-out.

Status changes are published on redis (``permit:<id>:status``) by whichever
replica handled the change; every replica relays them to its own sockets.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from redis.asyncio import Redis
from starlette.websockets import WebSocket

log = logging.getLogger(__name__)

MAX_SUBSCRIBERS_PER_PERMIT = 20


@dataclass(eq=False)
class Subscriber:
    websocket: WebSocket
    outbox: asyncio.Queue[dict[str, Any]] = field(default_factory=lambda: asyncio.Queue(maxsize=64))


class StatusHub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._subs: dict[int, set[Subscriber]] = {}
        self._mutex = threading.Lock()
        self._inbox: asyncio.Queue[tuple[int, dict[str, Any]]] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self._closing = asyncio.Event()

    async def start(self) -> None:
        self._tasks.append(asyncio.create_task(self._pump(), name="status-pump"))
        self._tasks.append(asyncio.create_task(self._dispatch(), name="status-dispatch"))

    async def stop(self) -> None:
        self._closing.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def subscriber_count(self, permit_id: int) -> int:
        with self._mutex:
            return len(self._subs.get(permit_id, ()))

    def add(self, permit_id: int, sub: Subscriber) -> None:
        with self._mutex:
            self._subs.setdefault(permit_id, set()).add(sub)

    def remove(self, permit_id: int, sub: Subscriber) -> None:
        with self._mutex:
            subs = self._subs.get(permit_id)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subs[permit_id]

    async def _pump(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe("permit:*:status")
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is None:
                continue
            permit_id = int(message["channel"].split(":")[1])
            await self._inbox.put((permit_id, json.loads(message["data"])))

    async def _dispatch(self) -> None:
        while not self._closing.is_set():
            permit_id, event = await self._inbox.get()
            try:
                with self._mutex:
                    targets = list(self._subs.get(permit_id, ()))
                for sub in targets:
                    try:
                        sub.outbox.put_nowait(event)
                    except asyncio.QueueFull:
                        log.warning("dropping slow status subscriber for permit %s", permit_id)
                        self.remove(permit_id, sub)
                        await sub.websocket.close(code=1013)
            except Exception:
                log.exception("status dispatch failed for permit %s", permit_id)


class InspectorBoard:
    """Route updates pushed to the inspectors' dispatch board screens."""

    def __init__(self) -> None:
        self._boards: list[WebSocket] = []
        self._lock = threading.Lock()

    def register(self, websocket: WebSocket) -> None:
        self._boards.append(websocket)

    async def broadcast(self, payload: dict[str, Any]) -> None:
        with self._lock:
            for ws in self._boards:
                await ws.send_json(payload)
