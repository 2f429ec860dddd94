from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from ..settings import get_settings

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/alarms")
async def alarm_console_ws(websocket: WebSocket):
    settings = get_settings()
    hub = websocket.app.state.console_hub
    token = websocket.query_params.get("token")
    if not token or not await websocket.app.state.sessions.valid(token):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if len(hub) >= setings.ws_max_clients:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    hub.add(websocket)
    while True:
        try:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_timeout_s)
        except asyncio.TimeoutError:
            await websocket.send_json({"type": "ping"})
            continue
        except WebSocketDisconnect:
            log.info("alarm console client disconnected")
            break
        if message.get("type") == "ack":
            await websocket.app.state.alarms.acknowledge(int(message["id"]), message.get("operator", "console"))
