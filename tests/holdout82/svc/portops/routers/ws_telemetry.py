from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from portops.cache.pubsub import TELEMETRY_CHANNEL, subscribe
from portops.services.telemetry_service import Sample
from portops.utils.tokens import InvalidToken, verify_token

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/telemetry/ingest")
async def ingest(websocket: WebSocket) -> None:
    state = websocket.app.state
    try:
        claims = verify_token(websocket.query_params.get("token"), state.settings.jwt_secret, "equipment")
    except InvalidToken:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    equipment_id = claims["sub"]
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=state.settings.ws_idle_timeout_s)
            await state.telemetry.ingest(
                Sample(
                    equipment_id=equipment_id,
                    kind=claims.get("kind", "UNKNOWN"),
                    lat=float(message["lat"]),
                    lon=float(message["lon"]),
                    speed_kmh=message.get("speed"),
                    spreader_load_kg=message.get("load"),
                    recorded_at=datetime.fromisoformat(message["ts"]),
                )
            )
    except asyncio.TimeoutError:
        log.info("equipment %s idle, closing telemetry socket", equipment_id)
        await websocket.close(code=status.WS_1001_GOING_AWAY)
    except WebSocketDisconnect:
        log.info("equipment %s disconnected", equipment_id)


@router.websocket("/ws/telemetry/live")
async def live(websocket: WebSocket) -> None:
    state = websocket.app.state
    try:
        verify_token(websocket.query_params.get("token"), state.settings.jwt_secret, "control-room")
    except InvalidToken:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    if not hasattr(state, "live_filters"):
        state.live_filters = {}
    wanted = set(filter(None, websocket.query_params.get("equipment", "").split(",")))
    state.live_filters[id(websocket)] = wanted
    async for event in subscribe(state.redis, TELEMETRY_CHANNEL):
        filters = state.live_filters[id(websocket)]
        if filters and event.get("id") not in filters:
            continue
        await websocket.send_json(event)
