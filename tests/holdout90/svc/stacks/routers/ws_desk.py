from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()
log = logging.getLogger(__name__)


@router.websocket("/ws/desk/{branch_id}")
async def desk_socket(websocket: WebSocket, branch_id: int) -> None:
    await websocket.accept()
    hub = websocket.app.state.desk_hub
    await hub.join(branch_id, websocket)
    try:
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive_json(), timeout=45)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "heartbeat"})
                continue
            if message.get("type") == "hello":
                await websocket.send_json({"type": "welcome", "desks": hub.connected(branch_id)})
    except WebSocketDisconnect:
        log.info("desk socket at branch %s disconnected", branch_id)
    finally:
        await hub.leave(branch_id, websocket)
