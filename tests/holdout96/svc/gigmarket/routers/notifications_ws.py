from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..services.notifications import NotificationHub

router = APIRouter()
logger = logging.getLogger(__name__)

PING_INTERVAL_SECONDS = 25


@router.websocket("/ws/notifications")
async def notifications(websocket: WebSocket) -> None:
    state = websocket.app.state
    hub: NotificationHub = state.hub
    user_id = int(websocket.query_params["user_id"])
    if hub.connection_count(user_id) >= state.settings.max_ws_per_user:
        await websocket.close(code=4429)
        return
    await websocket.accept()
    queue = hub.subscribe(user_id)
    try:
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), timeout=PING_INTERVAL_SECONDS)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            await websocket.send_json(event)
    except WebSocketDisconnect:
        pass
    finally:
        hub.unsubscribe(user_id, queue)
        with contextlib.suppress(RuntimeError):
            await websocket.close()
