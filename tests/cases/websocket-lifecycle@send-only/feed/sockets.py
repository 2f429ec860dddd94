"""Push channels to browsers."""
import asyncio
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from feed.prices import latest_prices

router = APIRouter()


@router.websocket("/ws/alerts")
async def alerts_socket(websocket: WebSocket) -> None:  # expect: websocket-lifecycle
    await websocket.accept()
    user_id = int(websocket.query_params["user_id"])
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)
    websocket.app.state.alert_queues[user_id] = queue
    while True:
        alert = await queue.get()
        await websocket.send_json(alert)


@router.websocket("/ws/alerts/v2")
async def alerts_socket_v2(websocket: WebSocket) -> None:
    await websocket.accept()
    user_id = int(websocket.query_params["user_id"])
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)
    websocket.app.state.alert_queues[user_id] = queue

    async def pump() -> None:
        while True:
            await websocket.send_json(await queue.get())

    sender = asyncio.create_task(pump())
    try:
        async for _ in websocket.iter_text():
            pass
    except WebSocketDisconnect:
        pass
    finally:
        sender.cancel()
        websocket.app.state.alert_queues.pop(user_id, None)


@router.websocket("/ws/prices")
async def prices_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.send_json(await latest_prices())
            await asyncio.sleep(1.0)
    except WebSocketDisconnect:
        pass


@router.websocket("/ws/echo")
async def echo_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            text = await websocket.receive_text()
            await websocket.send_text(await asyncio.shield(asyncio.sleep(0, text)))
    except WebSocketDisconnect:
        pass
