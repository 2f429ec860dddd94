"""Fan-out of live order events to the customers watching that order."""
from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Query, WebSocket, status

from svc.config import settings
from svc.services.auth import resolve_token


class TrackingHub:
    def __init__(self) -> None:
        self._subscribers: dict[int, list[asyncio.Queue]] = defaultdict(list)

    def subscribe(self, order_id: int) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self._subscribers[order_id].append(queue)
        return queue

    def unsubscribe(self, order_id: int, queue: asyncio.Queue) -> None:
        queues = self._subscribers.get(order_id)
        if not queues:
            return
        if queue in queues:
            queues.remove(queue)
        if not queues:
            del self._subscribers[order_id]

    def watchers(self, order_id: int) -> int:
        return len(self._subscribers.get(order_id, ()))

    async def publish(self, order_id: int, event: dict[str, Any]) -> None:
        for queue in self._subscribers.get(order_id, ()):
            queue.put_nowait(event)


router = APIRouter()


@router.websocket("/ws/orders/{order_id}/track")
async def track_order(websocket: WebSocket, order_id: int, token: str = Query(...)) -> None:
    principal = await resolve_token(websocket.app.state.redis, token)
    if principal is None or principal.kind != "customer":
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    hub = websocket.app.state.hub
    if hub.watchers(order_id) >= settings.max_ws_per_order:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    queue = hub.subscribe(order_id)
    while True:
        event = await queue.get()
        await websocket.send_json(event)
        if event.get("type") == "status" and event.get("status") in ("delivered", "cancelled"):
            await websocket.close()
            break
