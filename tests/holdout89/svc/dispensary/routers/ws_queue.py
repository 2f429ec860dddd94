"""Branch queue screens: a snapshot on connect, then pushed changes."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

logger = logging.getLogger(__name__)

router = APIRouter()

IDLE_SECONDS = 45


@router.websocket("/ws/branches/{branch_id}/queue")
async def branch_queue_socket(websocket: WebSocket, branch_id: int) -> None:
    container = websocket.app.state.container
    staff = await container.auth.staff_from_token(websocket.query_params.get("token"))
    if staff is None or branch_id not in staff.branch_ids:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    container.queue_feed.register(branch_id, websocket)
    snapshot = await container.dispensing.queue_snapshot(branch_id)
    await websocket.send_json({"type": "snapshot", "entries": snapshot})
    try:
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive_json(), timeout=IDLE_SECONDS)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            if message.get("type") == "refresh":
                snapshot = await container.dispensing.queue_snapshot(branch_id)
                await websocket.send_json({"type": "snapshot", "entries": snapshot})
    except WebSocketDisconnect as exc:
        logger.info("queue screen for branch %s disconnected (%s)", branch_id, exc.code)
