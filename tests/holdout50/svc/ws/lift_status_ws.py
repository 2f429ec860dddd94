from __future__ import annotations

import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..services.lift_status_service import LiftStatusService

router = APIRouter()
log = logging.getLogger(__name__)

_favourites: dict[WebSocket, set[int]] = {}


@router.websocket("/ws/lifts")
async def lift_updates(websocket: WebSocket) -> None:
    manager = websocket.app.state.ws_manager
    if not await manager.connect("lifts", websocket):
        return
    service = LiftStatusService(websocket.app.state.redis)
    await websocket.send_json({"type": "snapshot", "lifts": await service.snapshot()})
    while True:
        text = await websocket.receive_text()
        if text == "ping":
            await websocket.send_text("pong")


@router.websocket("/ws/me/favourites")
async def favourite_lifts(websocket: WebSocket) -> None:
    manager = websocket.app.state.ws_manager
    if not await manager.connect("favourites", websocket):
        return
    try:
        while True:
            message = json.loads(await websocket.receive_text())
            if message.get("action") == "watch":
                _favourites[websocket] = {int(x) for x in message.get("lift_ids", [])[:50]}
                await websocket.send_json({"type": "watching", "count": len(_favourites[websocket])})
    except WebSocketDisconnect:
        await manager.disconnect("favourites", websocket)
