"""Operations-desk websocket: compliance analysts receive new screening cases live."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()
log = logging.getLogger(__name__)

IDLE_TIMEOUT = 60.0


@router.websocket("/ws/ops")
async def ops_feed(websocket: WebSocket) -> None:
    container = websocket.app.state.container
    analyst = websocket.query_params.get("analyst", "anonymous")
    await websocket.accept()
    container.ops_desk.register(analyst, websocket)
    log.info("analyst %s connected to ops desk", analyst)
    try:
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive_json(), timeout=IDLE_TIMEOUT)
            except asyncio.TimeoutError:
                await websocket.send_json({"kind": "ping"})
                continue
            if message.get("kind") == "pong":
                continue
            if message.get("kind") == "who":
                await websocket.send_json({"kind": "online", "analysts": container.ops_desk.online()})
    except WebSocketDisconnect:
        log.info("analyst %s disconnected", analyst)
    finally:
        container.ops_desk.unregister(analyst)
