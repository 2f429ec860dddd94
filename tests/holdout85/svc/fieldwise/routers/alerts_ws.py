"""Per-farm alert feed for the web and mobile apps."""
from __future__ import annotations

import asyncio
import contextlib

import jwt
from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from fieldwise.deps import principal_from_token
from fieldwise.logging_setup import get_logger
from fieldwise.settings import get_settings

log = get_logger(__name__)
router = APIRouter()

HEARTBEAT_S = 25


async def _heartbeat(ws: WebSocket) -> None:
    while True:
        await asyncio.sleep(HEARTBEAT_S)
        await ws.send_json({"type": "heartbeat"})


@router.websocket("/ws/farms/{farm_id}/alerts")
async def alert_feed(websocket: WebSocket, farm_id: int) -> None:
    feed = websocket.app.state.alert_feed
    try:
        principal = principal_from_token(websocket.query_params.get("token", ""))
    except (jwt.PyJWTError, KeyError, ValueError):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if not principal.can_access(farm_id) or not feed.has_capacity():
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    feed.attach(farm_id, websocket)
    beat = asyncio.create_task(_heartbeat(websocket))
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=get_settings().ws_idle_timeout_s)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        log.info("alerts_ws.closed", farm_id=farm_id, user_id=principal.user_id)
    finally:
        beat.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await beat
        feed.detach(farm_id, websocket)
