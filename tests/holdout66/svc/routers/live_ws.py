"""Websocket endpoints for live listener counts."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.config import settings
from svc.db.engine import SessionLocal
from svc.repositories.shows import ShowRepository
from svc.services.listeners import BoundedListenerHub, ListenerHub, LiveConnection
from svc.utils.signing import hash_token

log = logging.getLogger(__name__)
router = APIRouter()

STUDIO_PUSH_INTERVAL = 5.0
STUDIO_IDLE_TIMEOUT = 60.0


async def _authorised_creator_id(websocket: WebSocket, show_id: int) -> int | None:
    token = websocket.query_params.get("token")
    if not token:
        return None
    async with SessionLocal() as session:
        repo = ShowRepository(session)
        creator = await repo.creator_by_token_hash(hash_token(token))
        show = await repo.get(show_id)
    if creator is None or show is None or show.creator_id != creator.id:
        return None
    return creator.id


@router.websocket("/ws/studio/{show_id}")
async def studio_live(websocket: WebSocket, show_id: int) -> None:
    hub: BoundedListenerHub = websocket.app.state.studio_hub
    if await _authorised_creator_id(websocket, show_id) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if hub.connection_count(show_id) >= settings.live_ws_max_connections_per_show:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    conn = LiveConnection(websocket)
    hub.attach(show_id, conn)
    pump = asyncio.create_task(conn.pump())
    try:
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive_json(), timeout=STUDIO_IDLE_TIMEOUT)
            except asyncio.TimeoutError:
                await websocket.close(code=status.WS_1001_GOING_AWAY)
                break
            if message.get("type") == "ping":
                conn.offer({"type": "pong"})
    except WebSocketDisconnect:
        pass
    finally:
        pump.cancel()
        hub.detach(show_id, conn)


@router.websocket("/ws/embed/{show_id}")
async def embed_live(websocket: WebSocket, show_id: int) -> None:
    hub: ListenerHub = websocket.app.state.public_hub
    await websocket.accept()
    hub.register(show_id, websocket)
    await websocket.send_json({"type": "live", "listeners": await hub.live_count(show_id)})
    while True:
        message = await websocket.receive_text()
        if message == "ping":
            await websocket.send_text("pong")


@router.websocket("/ws/studio/{show_id}/totals")
async def studio_totals(websocket: WebSocket, show_id: int) -> None:
    hub: ListenerHub = websocket.app.state.public_hub
    await websocket.accept()
    try:
        while True:
            await websocket.send_json({"type": "totals", "today": hub.total_listeners_today(show_id)})
            await asyncio.sleep(STUDIO_PUSH_INTERVAL)
    except WebSocketDisconnect:
        log.debug("totals socket closed for show %s", show_id)
