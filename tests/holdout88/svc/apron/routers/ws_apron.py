"""Live apron map for the ramp-control screens."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from apron.services.apron_map import ApronMapHub

log = logging.getLogger(__name__)

router = APIRouter()

PING_EVERY_S = 15


@router.websocket("/ws/apron/{airport}")
async def apron_map(websocket: WebSocket, airport: str) -> None:
    await websocket.accept()
    hub: ApronMapHub = websocket.app.state.apron_hub
    sub_id, queue = hub.subscribe(airport.upper())
    try:
        await websocket.send_json({"type": "snapshot", "stands": hub.snapshot(airport.upper())})
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), timeout=PING_EVERY_S)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            await websocket.send_json(event)
    except WebSocketDisconnect:
        log.debug("apron map client left (%s)", airport)
    finally:
        hub.unsubscribe(sub_id)
