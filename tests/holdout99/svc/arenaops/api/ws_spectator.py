from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

logger = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/tournaments/{tournament_id}/live")
async def spectate(websocket: WebSocket, tournament_id: int) -> None:
    hub = websocket.app.state.container.spectators
    if hub.full:
        await websocket.close(code=1013)
        return
    await websocket.accept()
    sub = hub.join(tournament_id, websocket)
    pump = asyncio.create_task(sub.pump())
    try:
        while True:
            message = await websocket.receive_text()
            if message == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        logger.debug("spectator left tournament %s", tournament_id)
        pump.cancel()
