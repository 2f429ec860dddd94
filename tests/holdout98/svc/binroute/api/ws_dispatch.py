"""Dispatcher live-map websocket."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Query, WebSocket

from ..services.auth import AuthError
from ..services.livemap import DispatcherSession

logger = logging.getLogger(__name__)
router = APIRouter()

CLIENT_IDLE_TIMEOUT_S = 90


@router.websocket("/ws/dispatch/{depot_id}")
async def dispatch_map(websocket: WebSocket, depot_id: str, token: str = Query(default="")) -> None:
    container = websocket.app.state.container
    try:
        user = container.auth.verify_token(token)
    except AuthError:
        await websocket.close(code=1008)
        return
    if len(container.hub) >= container.settings.ws_max_dispatchers:
        await websocket.close(code=1013)
        return
    await websocket.accept()
    session = DispatcherSession(websocket, depot_id)
    container.hub.register(session)
    pump = asyncio.create_task(session.pump(), name=f"dispatch-pump-{user}")
    logger.info("dispatcher %s watching depot %s", user, depot_id)
    while not pump.done():
        text = await asyncio.wait_for(websocket.receive_text(), timeout=CLIENT_IDLE_TIMEOUT_S)
        if text == "ping":
            await websocket.send_text('{"type":"pong"}')
