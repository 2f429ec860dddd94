"""Price ticks fanned out to websocket clients through per-client queues."""
from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

router = APIRouter()

_listeners: list[asyncio.Queue[dict[str, Any]]] = []


def subscribe() -> asyncio.Queue[dict[str, Any]]:
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)
    _listeners.append(queue)
    return queue


def unsubscribe(queue: asyncio.Queue[dict[str, Any]]) -> None:
    if queue in _listeners:
        _listeners.remove(queue)


def valid_token(token: str) -> bool:
    return token.startswith("tk_")


def publish(tick: dict[str, Any]) -> None:
    for queue in list(_listeners):
        if not queue.full():
            queue.put_nowait(tick)


@router.websocket("/ws/ticks")
async def ticks(websocket: WebSocket, token: str = Query(...)) -> None:  # expect: websocket-lifecycle
    if not valid_token(token):
        await websocket.close(code=1008)
        return
    await websocket.accept()
    queue = subscribe()  # expect: websocket-lifecycle
    while True:
        await websocket.receive_text()  # expect: websocket-lifecycle
        await websocket.send_json(await queue.get())


@router.websocket("/ws/ticks/v2")
async def ticks_v2(websocket: WebSocket, token: str = Query(...)) -> None:
    if not valid_token(token):
        await websocket.close(code=1008)
        return
    await websocket.accept()
    queue = subscribe()
    try:
        while True:
            await websocket.receive_text()
            await websocket.send_json(await queue.get())
    except WebSocketDisconnect:
        pass
    finally:
        unsubscribe(queue)
