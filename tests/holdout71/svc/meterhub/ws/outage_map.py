from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict

from fastapi import APIRouter, HTTPException, Query, WebSocket, WebSocketDisconnect

from ..config import get_settings
from ..db import SessionLocal, get_redis
from ..observability import WS_CONNECTIONS
from ..services.outage_service import OutageService
from ..utils.security import decode_portal_token

router = APIRouter()
log = logging.getLogger(__name__)

_watchers: defaultdict[int, set[WebSocket]] = defaultdict(set)


async def _pump(websocket: WebSocket, queue: asyncio.Queue[str]) -> None:
    while True:
        message = await queue.get()
        await websocket.send_text(message)


@router.websocket("/ws/outages")
async def outage_map(websocket: WebSocket, token: str = Query(...)) -> None:
    try:
        claims = decode_portal_token(token)
    except HTTPException:
        await websocket.close(code=4401)
        return
    hub = websocket.app.state.outage_hub
    queue = await hub.register(websocket, int(claims["sub"]))
    if queue is None:
        await websocket.close(code=4429)
        return
    await websocket.accept()
    sender = asyncio.create_task(_pump(websocket, queue))
    try:
        async with SessionLocal() as session:
            snapshot = await OutageService(session, get_redis(), websocket.app.state.geocoder).snapshot()
        await websocket.send_json({"type": "snapshot", "outages": snapshot})
        idle = get_settings().ws_idle_timeout_s
        while True:
            try:
                text = await asyncio.wait_for(websocket.receive_text(), timeout=idle)
            except asyncio.TimeoutError:
                await websocket.close(code=1001)
                break
            if text == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        pass
    finally:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
        await hub.unregister(websocket)


@router.websocket("/ws/usage/{meter_id}")
async def live_usage(websocket: WebSocket, meter_id: int, token: str) -> None:
    try:
        decode_portal_token(token)
    except HTTPException:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    _watchers[meter_id].add(websocket)
    WS_CONNECTIONS.labels("live_usage").inc()
    while True:
        message = await websocket.receive_text()
        if message == "ping":
            await websocket.send_text("pong")


async def publish_live(meter_id: int, reading: dict) -> int:
    delivered = 0
    for ws in list(_watchers.get(meter_id, ())):
        await ws.send_json({"meter_id": meter_id, **reading})
        delivered += 1
    return delivered
