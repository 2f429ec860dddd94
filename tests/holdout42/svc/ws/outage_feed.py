from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from fastapi import APIRouter, WebSocket

router = APIRouter()

_subscribers: list[asyncio.Queue[dict[str, Any]]] = []


def subscribe() -> asyncio.Queue[dict[str, Any]]:
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=50)
    _subscribers.append(queue)
    return queue


def unsubscribe(queue: asyncio.Queue[dict[str, Any]]) -> None:
    with contextlib.suppress(ValueError):
        _subscribers.remove(queue)


def broadcast(event: dict[str, Any]) -> None:
    for queue in list(_subscribers):
        if queue.full():
            queue.get_nowait()
        queue.put_nowait(event)


@router.websocket("/ws/outages")
async def outage_feed(websocket: WebSocket) -> None:
    """Public feed of new outages for the status page."""
    await websocket.accept()
    queue = subscribe()
    while True:
        event = await queue.get()
        await websocket.send_json(event)
