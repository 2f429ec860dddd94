from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from decimal import Decimal

from starlette.websockets import WebSocket, WebSocketState

log = logging.getLogger(__name__)


class _Connection:
    __slots__ = ("ws", "user_id", "queue", "sender")

    def __init__(self, ws: WebSocket, user_id: int) -> None:
        self.ws = ws
        self.user_id = user_id
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self.sender: asyncio.Task | None = None


class PriceHub:
    """Fan-out of live price-drop events to subscribed websocket clients."""

    def __init__(self) -> None:
        self._subscribers: dict[int, set[WebSocket]] = defaultdict(set)
        self._connections: dict[WebSocket, _Connection] = {}

    def connection_count(self) -> int:
        return len(self._connections)

    async def _pump(self, conn: _Connection) -> None:
        while True:
            payload = await conn.queue.get()
            await conn.ws.send_text(payload)

    async def subscribe(self, ws: WebSocket, user_id: int, product_ids: list[int]) -> None:
        conn = self._connections.get(ws)
        if conn is None:
            conn = self._connections[ws] = _Connection(ws, user_id)
            conn.sender = asyncio.create_task(self._pump(conn))
        for pid in product_ids:
            self._subscribers[pid].add(ws)

    async def unsubscribe(self, ws: WebSocket) -> None:
        conn = self._connections.pop(ws, None)
        if conn and conn.sender:
            conn.sender.cancel()
        for pid in list(self._subscribers):
            self._subscribers[pid].discard(ws)
            if not self._subscribers[pid]:
                del self._subscribers[pid]

    async def broadcast_price_drop(self, product_id: int, old: Decimal, new: Decimal) -> int:
        payload = json.dumps({"type": "price_drop", "product_id": product_id, "old": str(old), "new": str(new)})
        delivered = 0
        for ws in list(self._subscribers.get(product_id, ())):
            conn = self._connections.get(ws)
            if conn is None:
                continue
            conn.queue.put_nowait(payload)
            delivered += 1
        return delivered

    async def kick(self, ws: WebSocket, reason: str) -> None:
        if ws.application_state == WebSocketState.CONNECTED:
            await ws.close(code=4000, reason=reason)
        await self.unsubscribe(ws)
