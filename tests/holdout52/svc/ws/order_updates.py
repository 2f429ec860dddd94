from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import Any

from fastapi import APIRouter, WebSocket

from ..cache.redis_client import get_redis

log = logging.getLogger(__name__)
router = APIRouter()


class OrderUpdateRegistry:
    """Websockets of customers who want live order updates, by account id."""

    def __init__(self) -> None:
        self.sockets: dict[int, list[WebSocket]] = defaultdict(list)

    def register(self, account_id: int, websocket: WebSocket) -> None:
        self.sockets[account_id].append(websocket)

    def unregister(self, account_id: int, websocket: WebSocket) -> None:
        conns = self.sockets.get(account_id)
        if conns and websocket in conns:
            conns.remove(websocket)
            if not conns:
                del self.sockets[account_id]

    def publish(self, account_id: int, event: dict[str, Any]) -> None:
        for websocket in list(self.sockets.get(account_id, ())):
            asyncio.create_task(websocket.send_json(event))


order_updates = OrderUpdateRegistry()

MAX_SOCKETS_PER_CUSTOMER = 5


@router.websocket("/ws/orders/{account_id}")
async def order_stream(websocket: WebSocket, account_id: int) -> None:
    redis = get_redis()
    key = f"ws:orders:count:{account_id}"
    current = int(await redis.get(key) or 0)
    if current >= MAX_SOCKETS_PER_CUSTOMER:
        await websocket.close(code=1013)
        return
    await redis.set(key, current + 1, ex=3600)
    await websocket.accept()
    order_updates.register(account_id, websocket)
    while True:
        message = await websocket.receive_text()
        if message == "ping":
            await websocket.send_text("pong")
