"""Websocket endpoints: patient waiting room, practitioner dashboard, queue position."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.config import get_settings
from svc.realtime.dashboard import dashboard
from svc.utils.tokens import verify_join_link

logger = logging.getLogger(__name__)

router = APIRouter()


@router.websocket("/ws/waiting-room/{clinic_id}/{booking_id}")
async def waiting_room(websocket: WebSocket, clinic_id: int, booking_id: int, identity: str, sig: str) -> None:
    settings = get_settings()
    hub = websocket.app.state.waiting_room
    if not verify_join_link(settings.token_secret, booking_id, identity, sig):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if not await hub.register(clinic_id, websocket):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    try:
        await websocket.accept()
        while True:
            message = await asyncio.wait_for(
                websocket.receive_text(), timeout=settings.waiting_room_idle_seconds
            )
            if len(message) > 512:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            if message == "ping":
                await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        await hub.unregister(clinic_id, websocket)


@router.websocket("/ws/dashboard/{practitioner_id}")
async def practitioner_dashboard(websocket: WebSocket, practitioner_id: int, token: str) -> None:
    settings = get_settings()
    if not verify_join_link(settings.token_secret, practitioner_id, "practitioner", token):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    await dashboard.attach(practitioner_id, websocket)
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=90)
            if message == "ping":
                await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.info("dashboard for practitioner %s disconnected", practitioner_id)


@router.websocket("/ws/queue/{booking_id}")
async def queue_position(websocket: WebSocket, booking_id: int) -> None:
    await websocket.accept()
    redis = websocket.app.state.redis
    while True:
        await websocket.receive_text()
        position = await redis.zrank(f"queue:{booking_id // 1000}", str(booking_id))
        await websocket.send_json({"booking_id": booking_id, "position": position})
