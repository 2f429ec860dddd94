"""Pharmacy staff dashboard: live queue of claimed prescriptions."""
from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from ..config import get_settings
from ..security.auth import TokenError, decode_staff_token

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/pharmacy")
async def pharmacy_dashboard(websocket: WebSocket) -> None:
    settings = get_settings()
    token = websocket.query_params.get("token") or ""
    try:
        claims = decode_staff_token(token)
    except TokenError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    pharmacy_id = int(claims["pharmacy_id"])
    hub = websocket.app.state.pharmacy_hub
    if hub.count(pharmacy_id) >= settings.ws_max_connections_per_pharmacy:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    box = hub.attach(pharmacy_id, websocket)

    async def pump() -> None:
        while True:
            event = await box.queue.get()
            await websocket.send_json(event)

    sender = asyncio.create_task(pump())
    try:
        while True:
            try:
                msg = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_heartbeat_seconds * 2)
            except asyncio.TimeoutError:
                log.info("dashboard for pharmacy %s idle; closing", pharmacy_id)
                await websocket.close(code=status.WS_1001_GOING_AWAY)
                break
            if msg == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        pass
    finally:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
        hub.detach(pharmacy_id, box)
