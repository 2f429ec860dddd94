"""Websocket endpoints: gate-change feed and the station operations dashboard feed."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from fastapi import APIRouter, HTTPException, Query, WebSocket, WebSocketDisconnect

from ..config import get_settings
from ..security import decode_token
from .manager import Connection, GateChangeHub


log = logging.getLogger(__name__)
router = APIRouter()

IDLE_TIMEOUT = 45.0


async def _pump(conn: Connection) -> None:
    while True:
        event = await conn.queue.get()
        await asyncio.wait_for(conn.websocket.send_json(event), timeout=5)


@router.websocket("/ws/gates/{airport}")
async def gate_changes(websocket: WebSocket, airport: str, token: str = Query(...)) -> None:
    try:
        principal = decode_token(token, get_settings())
    except HTTPException:
        await websocket.close(code=4401)
        return
    hub: GateChangeHub = websocket.app.state.gate_hub
    conn = hub.register(websocket, airport.upper())
    if conn is None:
        await websocket.close(code=1013)
        return
    await websocket.accept(subprotocol="ops.gate.v1")
    log.info("gate feed opened for %s by %s", airport, principal.subject)
    sender = asyncio.create_task(_pump(conn))
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT)
            if message == "ping":
                conn.queue.put_nowait({"type": "pong"})
    except (WebSocketDisconnect, asyncio.TimeoutError, asyncio.QueueFull):
        pass
    finally:
        sender.cancel()
        await asyncio.gather(sender, return_exceptions=True)
        hub.unregister(conn)


_subscribers: dict[str, list[WebSocket]] = {}


@router.websocket("/ws/ops/{station}")
async def ops_feed(websocket: WebSocket, station: str) -> None:
    await websocket.accept()
    station = station.upper()
    _subscribers.setdefault(station, []).append(websocket)
    log.info("ops feed subscribed for %s (%d clients)", station, len(_subscribers[station]))
    while True:
        command = await websocket.receive_json()
        if command.get("type") == "ping":
            await websocket.send_json({"type": "pong"})


async def push_ops_update(station: str, payload: dict[str, Any]) -> int:
    delivered = 0
    for ws in list(_subscribers.get(station.upper(), [])):
        await ws.send_json(payload)
        delivered += 1
    return delivered
