"""Websocket fan-out for waiting-room boards.

Events are published to redis by whichever replica handles the check-in; every replica
subscribes and pushes them to the screens connected to it.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

from fastapi import WebSocket

from svc.redis_client import get_redis

log = logging.getLogger(__name__)

SEND_QUEUE_SIZE = 64


class _Screen:
    def __init__(self, ws: WebSocket) -> None:
        self.ws = ws
        self.queue: asyncio.Queue[str] = asyncio.Queue(maxsize=SEND_QUEUE_SIZE)
        self.writer: asyncio.Task | None = None

    async def pump(self) -> None:
        while True:
            message = await self.queue.get()
            await self.ws.send_text(message)


class BoardManager:
    def __init__(self) -> None:
        self._screens: dict[int, set[_Screen]] = defaultdict(set)
        self._listener: asyncio.Task | None = None

    async def attach(self, clinic_id: int, ws: WebSocket) -> _Screen:
        screen = _Screen(ws)
        screen.writer = asyncio.create_task(screen.pump())
        self._screens[clinic_id].add(screen)
        return screen

    def detach(self, clinic_id: int, screen: _Screen) -> None:
        self._screens[clinic_id].discard(screen)
        if not self._screens[clinic_id]:
            del self._screens[clinic_id]
        if screen.writer:
            screen.writer.cancel()

    def deliver(self, clinic_id: int, message: str) -> None:
        for screen in list(self._screens.get(clinic_id, ())):
            try:
                screen.queue.put_nowait(message)
            except asyncio.QueueFull:
                log.warning("board screen for clinic %s is lagging; dropping it", clinic_id)
                self.detach(clinic_id, screen)

    async def listen_forever(self) -> None:
        backoff = 1.0
        while True:
            try:
                pubsub = get_redis().pubsub()
                await pubsub.psubscribe("board:*")
                backoff = 1.0
                async for msg in pubsub.listen():
                    if msg["type"] != "pmessage":
                        continue
                    clinic_id = int(msg["channel"].split(":", 1)[1])
                    self.deliver(clinic_id, msg["data"])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("board listener lost redis; reconnecting in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    def start(self) -> None:
        self._listener = asyncio.create_task(self.listen_forever(), name="board-listener")

    async def stop(self) -> None:
        if self._listener:
            self._listener.cancel()


class StaffChannel:
    """Direct messages between reception and consulting rooms within one clinic."""

    def __init__(self) -> None:
        self._conns: dict[int, list[WebSocket]] = defaultdict(list)
        self._lock = asyncio.Lock()

    async def join(self, clinic_id: int, ws: WebSocket) -> None:
        async with self._lock:
            self._conns[clinic_id].append(ws)

    async def leave(self, clinic_id: int, ws: WebSocket) -> None:
        async with self._lock:
            if ws in self._conns[clinic_id]:
                self._conns[clinic_id].remove(ws)

    async def broadcast(self, clinic_id: int, payload: dict) -> None:
        async with self._lock:  # keep the list stable while sending
            for ws in self._conns[clinic_id]:
                await ws.send_text(json.dumps(payload))


boards = BoardManager()
staff = StaffChannel()
