from __future__ import annotations

import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..security import decode_token
from ..services.console_hub import Subscription

router = APIRouter(tags=["realtime"])

IDLE_TIMEOUT_S = 90.0


async def _pump(websocket: WebSocket, sub: Subscription) -> None:
    while True:
        event = await sub.queue.get()
        await websocket.send_json(event)


@router.websocket("/ws/console")
async def console_socket(websocket: WebSocket, site_id: int, kinds: str = "") -> None:
    container = websocket.app.state.container
    hub = container.console
    await websocket.accept()
    if hub.connection_count >= container.settings.console_max_connections:
        await websocket.close(code=1013, reason="console capacity reached")
        return
    sub = hub.subscribe(site_id, [k for k in kinds.split(",") if k])
    sender = asyncio.create_task(_pump(websocket, sub))
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT_S)
            if message == "ping":
                await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        sender.cancel()
        hub.unsubscribe(sub)


@router.websocket("/ws/alarms")
async def alarm_socket(websocket: WebSocket, token: str = "") -> None:
    container = websocket.app.state.container
    claims = decode_token(token, container.settings)
    if claims is None or "security" not in claims.roles:
        await websocket.close(code=4401)
        return
    await websocket.accept(subprotocol="gatekeep.alarms.v1")
    container.alarms.register(websocket, claims.site_id)
    while True:
        text = await websocket.receive_text()
        if text == "ping":
            await websocket.send_text("pong")
        elif text.startswith("ack:"):
            await container.audit.record(claims.subject, "alarm.ack", text[4:])
