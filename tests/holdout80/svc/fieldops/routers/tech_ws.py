from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import jwt
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from fieldops.logging_setup import get_logger
from fieldops.services.location import LocationHub
from fieldops.utils.security import decode_token

router = APIRouter()
logger = get_logger(__name__)


def _parse_position(message: dict) -> tuple[float, float, datetime]:
    lat, lng = float(message["lat"]), float(message["lng"])
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ValueError("position out of range")
    at = datetime.fromtimestamp(float(message.get("ts") or datetime.now(timezone.utc).timestamp()), timezone.utc)
    return lat, lng, at


@router.websocket("/ws/technician")
async def technician_socket(websocket: WebSocket) -> None:
    state = websocket.app.state
    try:
        claims = decode_token(state.settings.jwt_secret, websocket.query_params.get("token", ""))
    except jwt.PyJWTError:
        await websocket.close(code=4401)
        return
    if claims.get("role") != "technician":
        await websocket.close(code=4403)
        return
    technician_id, account_id = int(claims["sub"]), int(claims["acc"])

    await websocket.accept()
    hub: LocationHub = state.location_hub
    hub.register(technician_id, websocket)
    logger.info("technician connected", technician_id=technician_id)
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=state.settings.tech_idle_timeout)
            kind = message.get("type")
            if kind == "position":
                try:
                    lat, lng, at = _parse_position(message)
                except (KeyError, ValueError):
                    await websocket.send_json({"type": "error", "reason": "bad position"})
                    continue
                await hub.record(account_id, technician_id, lat, lng, at)
            elif kind == "ping":
                await websocket.send_json({"type": "pong"})
    except WebSocketDisconnect:
        logger.info("technician disconnected", technician_id=technician_id)
    except asyncio.TimeoutError:
        logger.info("technician idle, closing", technician_id=technician_id)
        await websocket.close(code=4408)
