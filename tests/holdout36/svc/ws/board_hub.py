"""Local websocket fan-out for the housekeeping board.

Status changes are published on redis (see services.housekeeping), so every
replica receives them and forwards them to its own sockets.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict

from starlette.websockets import WebSocket

from svc.redis_client import get_redis
from svc.services.housekeeping import BOARD_CHANNEL

logger = logging.getLogger(__name__)

SEND_TIMEOUT_SECONDS = 2.0


class BoardHub:
    def __init__(self, max_connections: int) -> None:
        self.max_connections = max_connections
        self._conns: defaultdict[int, set[WebSocket]] = defaultdict(set)
        self._listeners: dict[int, asyncio.Task[None]] = {}
        self._lock = asyncio.Lock()

    @property
    def connection_count(self) -> int:
        return sum(len(c) for c in self._conns.values())

    async def register(self, hotel_id: int, websocket: WebSocket) -> bool:
        async with self._lock:
            if self.connection_count >= self.max_connections:
                return False
            self._conns[hotel_id].add(websocket)
            if hotel_id not in self._listeners:
                self._listeners[hotel_id] = asyncio.create_task(self._listen(hotel_id), name=f"hk-board-{hotel_id}")
        await websocket.accept()
        return True

    async def unregister(self, hotel_id: int, websocket: WebSocket) -> None:
        task: asyncio.Task[None] | None = None
        async with self._lock:
            conns = self._conns.get(hotel_id)
            if conns is not None:
                conns.discard(websocket)
                if not conns:
                    del self._conns[hotel_id]
                    task = self._listeners.pop(hotel_id, None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _listen(self, hotel_id: int) -> None:
        pubsub = get_redis().pubsub()
        await pubsub.subscribe(BOARD_CHANNEL.format(hotel_id=hotel_id))
        try:
            async for message in pubsub.listen():
                if message.get("type") != "message":
                    continue
                await self._fan_out(hotel_id, message["data"])
        finally:
            await pubsub.aclose()

    async def _fan_out(self, hotel_id: int, data: str) -> None:
        for websocket in list(self._conns.get(hotel_id, ())):
            try:
                await asyncio.wait_for(websocket.send_text(data), timeout=SEND_TIMEOUT_SECONDS)
            except:
                self._conns[hotel_id].discard(websocket)

    async def close(self) -> None:
        for task in list(self._listeners.values()):
            task.cancel()
        await asyncio.gather(*self._listeners.values(), return_exceptions=True)
        self._listeners.clear()
