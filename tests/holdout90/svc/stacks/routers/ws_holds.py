from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from stacks.utils.cards import token_digest

router = APIRouter()
log = logging.getLogger(__name__)


async def _patron_for_token(websocket: WebSocket, token: str) -> int | None:
    value = await websocket.app.state.redis.get(f"session:{token_digest(token)}")
    return int(value) if value else None


@router.websocket("/ws/holds")
async def hold_ready_socket(websocket: WebSocket) -> None:
    token = websocket.query_params.get("token", "")
    patron_id = await _patron_for_token(websocket, token)
    if patron_id is None:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    hub = websocket.app.state.hold_hub
    outbox = hub.subscribe(patron_id)
    pump = asyncio.create_task(hub.pump(websocket, outbox))
    while True:
        message = await websocket.receive_text()
        if message == "ping":
            await websocket.send_text("pong")


@router.websocket("/ws/holds/v2")
async def hold_ready_socket_v2(websocket: WebSocket) -> None:
    token = websocket.query_params.get("token", "")
    patron_id = await _patron_for_token(websocket, token)
    if patron_id is None:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    hub = websocket.app.state.hold_hub
    queue = hub.subscribe(patron_id)
    sender = asyncio.create_task(hub.pump(websocket, queue))
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=websocket.app.state.settings.ws_idle_timeout_s)
            if message == "ping":
                await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        log.debug("hold socket for patron %s closed", patron_id)
    finally:
        sender.cancel()
        hub.unsubscribe(patron_id, queue)
