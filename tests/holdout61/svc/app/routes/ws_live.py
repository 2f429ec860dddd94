from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, HTTPException, Query, WebSocket, WebSocketDisconnect

from app.deps import decode_token
from app.services.live_hub import ManagerConnection

log = logging.getLogger(__name__)

router = APIRouter()

IDLE_TIMEOUT_SECONDS = 75
MAX_CONNECTIONS_PER_MANAGER = 5


async def _pump(conn: ManagerConnection) -> None:
    while True:
        event = await conn.queue.get()
        await conn.websocket.send_json({"type": "clock", **event})


@router.websocket("/ws/live-clock")
async def live_clock(websocket: WebSocket, token: str = Query(...)) -> None:
    try:
        principal = decode_token(token)
    except HTTPException:
        await websocket.close(code=4401)
        return
    if not principal.is_manager:
        await websocket.close(code=4403)
        return
    client = websocket.app.state.redis
    open_key = f"ws:live:{principal.user_id}"
    if await client.incr(open_key) > MAX_CONNECTIONS_PER_MANAGER:
        await client.decr(open_key)
        await websocket.close(code=4429)
        return
    await client.expire(open_key, 3600)

    await websocket.accept()
    hub = websocket.app.state.hub
    conn = ManagerConnection(websocket=websocket, manager_id=principal.user_id)
    await hub.register(conn)
    pump = asyncio.create_task(_pump(conn), name=f"live-pump-{principal.user_id}")
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT_SECONDS)
            if message == "ping":
                await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        log.debug("manager %s live feed closed", principal.user_id)
    finally:
        pump.cancel()
        await hub.unregister(conn)
        await client.decr(open_key)
