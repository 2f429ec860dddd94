"""Pharmacist chat between branches."""
from __future__ import annotations

import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

logger = logging.getLogger(__name__)

router = APIRouter()

MAX_MESSAGE_CHARS = 2000


@router.websocket("/ws/chat/{room}")
async def pharmacist_chat(websocket: WebSocket, room: str) -> None:
    hub = websocket.app.state.container.chat
    sender = websocket.query_params.get("name", "pharmacist")
    await websocket.accept()
    hub.join(room, websocket)
    try:
        for message in await hub.history(room):
            await websocket.send_json(message)
        while True:
            text = await websocket.receive_text()
            if len(text) > MAX_MESSAGE_CHARS:
                await websocket.send_json({"error": "message too long"})
                continue
            await hub.post(room, sender, text)
    except WebSocketDisconnect:
        pass
    finally:
        hub.leave(room, websocket)
