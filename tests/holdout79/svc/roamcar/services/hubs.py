"""In-process registries of connected websockets.

OpsHub is fed by PositionRelay, which every replica runs against the same redis channel.
TripHub holds the customer trip sockets connected to this process.
"""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

logger = logging.getLogger(__name__)

VEHICLE_WATCH_BUFFER = 100


class OpsHub:
    def __init__(self) -> None:
        self._subscribers: dict[WebSocket, asyncio.Queue[dict[str, Any]]] = {}
        self._vehicle_watchers: dict[str, list[asyncio.Queue[dict[str, Any]]]] = defaultdict(list)

    def subscribe(self, ws: WebSocket) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._subscribers[ws] = queue
        return queue

    def unsubscribe(self, ws: WebSocket) -> None:
        self._subscribers.pop(ws, None)

    def watch_vehicle(self, vehicle_id: str) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=VEHICLE_WATCH_BUFFER)
        self._vehicle_watchers[vehicle_id].append(queue)
        return queue

    def unwatch_vehicle(self, vehicle_id: str, queue: asyncio.Queue[dict[str, Any]]) -> None:
        watchers = self._vehicle_watchers.get(vehicle_id)
        if watchers and queue in watchers:
            watchers.remove(queue)
            if not watchers:
                del self._vehicle_watchers[vehicle_id]

    @property
    def connection_count(self) -> int:
        return len(self._subscribers)

    async def broadcast(self, reading: dict[str, Any]) -> None:
        for queue in self._subscribers.values():
            queue.put_nowait(reading)
        for queue in self._vehicle_watchers.get(reading.get("vehicle_id", ""), ()):
            if queue.full():
                queue.get_nowait()  # drop the oldest position; only the latest matters
            queue.put_nowait(reading)


class TripHub:
    def __init__(self) -> None:
        self._sockets: dict[str, set[WebSocket]] = defaultdict(set)
        self._lock = asyncio.Lock()

    async def add(self, reservation_id: str, ws: WebSocket) -> None:
        async with self._lock:
            self._sockets[reservation_id].add(ws)

    async def discard(self, reservation_id: str, ws: WebSocket) -> None:
        async with self._lock:
            sockets = self._sockets.get(reservation_id)
            if sockets is not None:
                sockets.discard(ws)
                if not sockets:
                    del self._sockets[reservation_id]

    async def send_to(self, reservation_id: str, payload: dict[str, Any]) -> int:
        delivered = 0
        for ws in list(self._sockets.get(reservation_id, ())):
            try:
                await asyncio.wait_for(ws.send_json(payload), timeout=2.0)
                delivered += 1
            except (WebSocketDisconnect, RuntimeError, asyncio.TimeoutError):
                logger.info("dropping stale trip socket for %s", reservation_id)
                await self.discard(reservation_id, ws)
        return delivered
