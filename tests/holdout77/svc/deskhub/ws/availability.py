from __future__ import annotations

import asyncio
import logging
from datetime import date

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..errors import NotFound
from ..services.availability import AvailabilityService
from ..services.live_hub import AvailabilityHub

logger = logging.getLogger(__name__)

router = APIRouter()


@router.websocket("/ws/locations/{location_id}/availability")
async def availability_feed(websocket: WebSocket, location_id: int) -> None:
    """Public feed for the room screens and kiosks in each building (no member data)."""
    hub: AvailabilityHub = websocket.app.state.hub
    service: AvailabilityService = websocket.app.state.availability
    settings = websocket.app.state.settings
    if hub.connection_count(location_id) >= settings.availability_ws_max_per_location:
        await websocket.close(code=1013)
        return
    await websocket.accept()
    queue = hub.subscribe(location_id)
    try:
        try:
            snapshot = await service.for_day(location_id, date.today())
        except NotFound:
            await websocket.close(code=4404)
            return
        await websocket.send_json({"type": "snapshot", "data": snapshot})
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), timeout=settings.ws_heartbeat_seconds)
            except asyncio.TimeoutError:
                # nothing changed; the ping doubles as dead-peer detection
                await websocket.send_json({"type": "ping"})
                continue
            await websocket.send_json({"type": "changed", **event})
    except WebSocketDisconnect:
        pass
    finally:
        hub.unsubscribe(location_id, queue)
