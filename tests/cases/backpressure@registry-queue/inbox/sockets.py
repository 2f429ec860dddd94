"""Per-user inbox streams."""
import asyncio
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()


@router.websocket("/ws/inbox")
async def inbox_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    user_id = int(websocket.query_params["user_id"])
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()  # expect: backpressure
    websocket.app.state.inboxes[user_id] = queue
    try:
        while True:
            event = await queue.get()
            await websocket.send_json(event)
    except WebSocketDisconnect:
        pass
    finally:
        websocket.app.state.inboxes.pop(user_id, None)


@router.websocket("/ws/inbox/bounded")
async def bounded_inbox_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    user_id = int(websocket.query_params["user_id"])
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=256)
    websocket.app.state.bounded_inboxes[user_id] = queue
    try:
        while True:
            event = await queue.get()
            await websocket.send_json(event)
    except WebSocketDisconnect:
        pass
    finally:
        websocket.app.state.bounded_inboxes.pop(user_id, None)
