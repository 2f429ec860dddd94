from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from fleetwise.realtime.registry import ClientInfo

log = logging.getLogger(__name__)

router = APIRouter()

IDLE_TIMEOUT = 90.0


@router.websocket("/ws/fleet-map")
async def fleet_map(websocket: WebSocket) -> None:
    await websocket.accept()
    registry = websocket.app.state.fleet_registry
    info = ClientInfo(user=websocket.query_params.get("user", "anonymous"))
    if not await registry.add(websocket, info):
        await websocket.close(code=1013)
        return
    try:
        while True:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT)
            msg = json.loads(raw)
            if msg.get("type") == "ping":
                await websocket.send_json({"type": "pong"})
            elif msg.get("type") == "filter":
                info.vessel_filter = {int(v) for v in msg.get("vessels", [])[:500]}
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        await registry.drop(websocket)
