from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

logger = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/admin/matches/{match_id}")
async def match_room(websocket: WebSocket, match_id: int) -> None:
    container = websocket.app.state.container
    hub = container.matchrooms
    await websocket.accept()
    hub.enter(match_id, websocket)
    idle = container.settings.matchroom_idle_seconds
    try:
        while True:
            try:
                raw = await asyncio.wait_for(websocket.receive_text(), timeout=idle)
            except asyncio.TimeoutError:
                await websocket.close(code=1001)
                break
            event = json.loads(raw)
            if event.get("kind") == "heartbeat":
                continue
            await hub.broadcast(match_id, event)
    except WebSocketDisconnect:
        logger.info("match room %s: client disconnected", match_id)
    finally:
        hub.exit(match_id, websocket)
