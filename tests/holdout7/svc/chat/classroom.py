from __future__ import annotations

import json
import logging

from fastapi import APIRouter, WebSocket

log = logging.getLogger(__name__)
router = APIRouter()

classrooms: dict[str, set[WebSocket]] = {}


async def broadcast(room: str, message: dict) -> None:
    payload = json.dumps(message)
    for peer in classrooms.get(room, set()):
        await peer.send_text(payload)


@router.websocket("/ws/classroom/{room}")
async def classroom_socket(websocket: WebSocket, room: str) -> None:
    await websocket.accept()
    classrooms.setdefault(room, set()).add(websocket)
    while True:
        text = await websocket.receive_text()
        await broadcast(room, {"room": room, "text": text})
