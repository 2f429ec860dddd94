"""Packing-station scanner stream."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status
from pydantic import ValidationError

from ..schemas import ScanFrame
from ..services.container import Container
from ..utils.security import decode_token

log = logging.getLogger(__name__)

router = APIRouter()

MAX_FRAME_CHARS = 2_048


@router.websocket("/ws/packing/{station_id}")
async def packing_station_ws(websocket: WebSocket, station_id: str) -> None:
    container: Container = websocket.app.state.container
    token = websocket.query_params.get("token", "")
    claims = decode_token(token, container.settings.jwt_secret)
    if claims is None or claims.get("station") != station_id:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if not container.slots.try_acquire():
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return

    packing = container.packing
    session = None
    try:
        await websocket.accept()
        session = await packing.open_session(station_id, claims["sub"])
        while True:
            try:
                raw = await asyncio.wait_for(websocket.receive_text(), timeout=container.settings.ws_idle_timeout_s)
            except asyncio.TimeoutError:
                await websocket.close(code=status.WS_1001_GOING_AWAY)
                break
            if len(raw) > MAX_FRAME_CHARS:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            try:
                frame = ScanFrame.model_validate_json(raw)
            except ValidationError as exc:
                await websocket.send_json({"type": "error", "reason": "bad frame", "detail": exc.errors()[:3]})
                continue
            if frame.type == "ping":
                await websocket.send_json({"type": "pong"})
            elif frame.type == "start" and frame.order_id is not None:
                await websocket.send_json(await packing.start_order(session, frame.order_id))
            elif frame.type == "scan" and frame.barcode:
                await websocket.send_json(await packing.handle_scan(session, frame.barcode, frame.qty))
    except WebSocketDisconnect:
        log.info("packing station %s disconnected", station_id)
    finally:
        container.slots.release()
        if session is not None:
            await packing.close_session(station_id)
