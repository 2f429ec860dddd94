from __future__ import annotations

import asyncio

import structlog
from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from pulsewatch.errors import Unauthorized

log = structlog.get_logger(__name__)
router = APIRouter()

IDLE_TIMEOUT_S = 90.0


@router.websocket("/ws/dashboard")
async def dashboard_socket(websocket: WebSocket, token: str = Query(...)) -> None:
    auth = websocket.app.state.auth_service
    try:
        principal = auth.verify_token(token)
    except Unauthorized:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    hub = websocket.app.state.hub
    org_id = str(principal.org_id)
    await hub.join(org_id, websocket)
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT_S)
            if message == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        await hub.leave(org_id, websocket)
    except asyncio.TimeoutError:
        await websocket.close(code=status.WS_1001_GOING_AWAY)
