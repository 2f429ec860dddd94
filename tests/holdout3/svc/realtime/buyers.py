"""Buyer-facing push: order tracking websockets and the server-sent event stream."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

log = logging.getLogger(__name__)


class TrackingHub:
    """Buyers watching an order page get its status changes pushed."""

    def __init__(self) -> None:
        self._watchers: dict[int, set[WebSocket]] = defaultdict(set)

    def register(self, order_id: int, websocket: WebSocket) -> None:
        self._watchers[order_id].add(websocket)

    def unregister(self, order_id: int, websocket: WebSocket) -> None:
        watchers = self._watchers.get(order_id)
        if watchers is None:
            return
        watchers.discard(websocket)
        if not watchers:
            del self._watchers[order_id]

    async def broadcast(self, order_id: int, message: dict[str, Any]) -> None:
        for websocket in list(self._watchers.get(order_id, ())):
            try:
                await websocket.send_json(message)
            except (WebSocketDisconnect, RuntimeError):
                self.unregister(order_id, websocket)

    def watcher_count(self) -> int:
        return sum(len(w) for w in self._watchers.values())


class BuyerEventBroker:
    """Per-buyer event queues for the SSE endpoint."""

    def __init__(self) -> None:
        self._streams: dict[int, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)

    def open(self, buyer_id: int) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._streams[buyer_id].add(queue)
        return queue

    def close(self, buyer_id: int, queue: asyncio.Queue[dict[str, Any]]) -> None:
        streams = self._streams.get(buyer_id)
        if streams is None:
            return
        streams.discard(queue)
        if not streams:
            del self._streams[buyer_id]

    def publish(self, buyer_id: int, event: dict[str, Any]) -> None:
        for queue in self._streams.get(buyer_id, ()):
            queue.put_nowait(event)
