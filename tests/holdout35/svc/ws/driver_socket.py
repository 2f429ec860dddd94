"""Driver app websocket: location pings in, offers out."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

import jwt
from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.config import get_settings
from svc.utils.geo import Point
from svc.utils.security import decode_token

logger = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/driver")
async def driver_socket(websocket: WebSocket) -> None:
    settings = get_settings()
    token = websocket.query_params.get("token", "")
    try:
        claims = decode_token(token)
    except jwt.PyJWTError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if claims.get("role") != "driver":
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    driver_id = int(claims["sub"])

    hub = websocket.app.state.hub
    queue: asyncio.Queue = websocket.app.state.location_queue
    locations = websocket.app.state.locations

    await websocket.accept()
    previous = hub.register_driver(driver_id, websocket)
    if previous is not None:
        await previous.close(code=status.WS_1000_NORMAL_CLOSURE, reason="replaced")
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_timeout)
            kind = message.get("type")
            if kind == "ping":
                await websocket.send_json({"type": "pong"})
            elif kind == "location":
                point = Point(float(message["lat"]), float(message["lng"]))
                await locations.update_position(driver_id, point)
                sample = (
                    driver_id,
                    datetime.now(timezone.utc),
                    point.lat,
                    point.lng,
                    message.get("heading"),
                    message.get("speed"),
                )
                try:
                    queue.put_nowait(sample)
                except asyncio.QueueFull:
                    logger.debug("location history queue full, dropping sample for %s", driver_id)
            elif kind == "offer_reply":
                hub.resolve_reply(driver_id, int(message["trip_id"]), bool(message.get("accepted")))
    except asyncio.TimeoutError:
        await websocket.close(code=status.WS_1001_GOING_AWAY, reason="idle")
    except WebSocketDisconnect:
        pass
    finally:
        hub.unregister_driver(driver_id, websocket)
