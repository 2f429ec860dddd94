from __future__ import annotations

import asyncio
import logging

import jwt
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from svc.config import get_settings
from svc.services.waiting_board import StaffChannel, board_hub
from svc.utils.security import decode_token

logger = logging.getLogger(__name__)
router = APIRouter()

STAFF_IDLE_TIMEOUT_S = 45


@router.websocket("/ws/clinics/{clinic_id}/board")
async def reception_board(websocket: WebSocket, clinic_id: int) -> None:
    await websocket.accept()
    await board_hub.register(clinic_id, websocket)
    while True:
        await websocket.receive_text()


@router.websocket("/ws/clinics/{clinic_id}/staff")
async def staff_feed(websocket: WebSocket, clinic_id: int) -> None:
    channel: StaffChannel = websocket.app.state.staff_channel
    token = websocket.query_params.get("token", "")
    try:
        claims = decode_token(token)
    except jwt.PyJWTError:
        await websocket.close(code=4401)
        return
    if claims.get("role") not in ("vet", "nurse", "reception"):
        await websocket.close(code=4403)
        return
    if channel.subscriber_count() >= get_settings().board_max_connections:
        await websocket.close(code=1013)
        return
    await websocket.accept()
    queue = channel.subscribe(clinic_id)

    async def pump() -> None:
        while True:
            event = await queue.get()
            await websocket.send_json(event)

    sender = asyncio.create_task(pump())
    try:
        while True:
            msg = await asyncio.wait_for(websocket.receive_text(), timeout=STAFF_IDLE_TIMEOUT_S)
            if msg == "ping":
                await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        sender.cancel()
        channel.unsubscribe(clinic_id, queue)


@router.websocket("/ws/vets/{vet_id}/pager")
async def vet_pager(ws: WebSocket, vet_id: int) -> None:
    channel: StaffChannel = ws.app.state.staff_channel
    await ws.accept()
    queue = channel.subscribe(-vet_id)
    try:
        while True:
            event = await queue.get()
            await ws.send_json(event)
    except WebSocketDisconnect:
        logger.info("pager disconnected", extra={"vet_id": vet_id})
    finally:
        channel.unsubscribe(-vet_id, queue)
