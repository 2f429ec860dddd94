from __future__ import annotations

import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from arenaplay.ws.hub import SpectatorHub

router = APIRouter()
logger = logging.getLogger(__name__)


@router.websocket("/ws/spectate/{match_id}")
async def spectate(websocket: WebSocket, match_id: str) -> None:
    hub: SpectatorHub = websocket.app.state.spectators
    await websocket.accept()
    queue = hub.attach(match_id)
    try:
        while True:
            frame = await queue.get()
            await websocket.send_bytes(frame)
    except WebSocketDisconnect:
        logger.debug("spectator left %s", match_id)
    finally:
        hub.detach(match_id, queue)
