"""Live field map: browsers subscribe to a field and receive readings and tractor positions."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from fieldwise.logging_setup import get_logger

log = get_logger(__name__)
router = APIRouter()

IDLE_TIMEOUT_S = 120


@router.websocket("/ws/fields/{field_id}/map")
async def field_map(websocket: WebSocket, field_id: int) -> None:
    hub = websocket.app.state.hub
    await websocket.accept()
    hub.subscribe(field_id, websocket)
    try:
        while True:
            msg = await asyncio.wait_for(websocket.receive_json(), timeout=IDLE_TIMEOUT_S)
            if msg.get("type") == "ping":
                await websocket.send_json({"type": "pong"})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        hub.unsubscribe(field_id, websocket)
