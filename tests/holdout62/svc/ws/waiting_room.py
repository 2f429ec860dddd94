"""Websocket endpoints: lobby boards, staff channel, check-in kiosks."""
from __future__ import annotations

import asyncio
import json
import logging
import uuid

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.config import get_settings
from svc.redis_client import get_redis
from svc.services.waiting_room import board
from svc.ws.manager import boards, staff

log = logging.getLogger(__name__)
router = APIRouter()

MAX_SCREENS_PER_CLINIC = 8

_kiosk_sessions: dict[str, dict] = {}


async def _screen_token_valid(clinic_id: int, token: str | None) -> bool:
    if not token:
        return False
    return await get_redis().sismember(f"screen-tokens:{clinic_id}", token)


@router.websocket("/ws/board/{clinic_id}")
async def lobby_board(ws: WebSocket, clinic_id: int) -> None:
    if not await _screen_token_valid(clinic_id, ws.query_params.get("token")):
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if await get_redis().scard(f"screens:{clinic_id}") >= MAX_SCREENS_PER_CLINIC:
        await ws.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await ws.accept()
    heartbeat = get_settings().waiting_room_heartbeat
    screen_id = uuid.uuid4().hex
    await get_redis().sadd(f"screens:{clinic_id}", screen_id)
    screen = await boards.attach(clinic_id, ws)
    try:
        await ws.send_text(json.dumps({"type": "snapshot", "entries": await board(clinic_id)}))
        while True:
            try:
                msg = await asyncio.wait_for(ws.receive_text(), timeout=heartbeat * 2)
            except asyncio.TimeoutError:
                log.info("board screen for clinic %s went quiet; closing", clinic_id)
                await ws.close()
                break
            if msg == "ping":
                await ws.send_text("pong")
    except WebSocketDisconnect:
        pass
    finally:
        boards.detach(clinic_id, screen)
        await get_redis().srem(f"screens:{clinic_id}", screen_id)


@router.websocket("/ws/staff/{clinic_id}")
async def staff_channel(ws: WebSocket, clinic_id: int) -> None:
    if not await _screen_token_valid(clinic_id, ws.query_params.get("token")):
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await ws.accept()
    await staff.join(clinic_id, ws)
    while True:
        data = await ws.receive_json()
        data["clinic_id"] = clinic_id
        await staff.broadcast(clinic_id, data)


@router.websocket("/ws/kiosk/{clinic_id}")
async def kiosk(ws: WebSocket, clinic_id: int) -> None:
    await ws.accept()
    session_id = uuid.uuid4().hex
    _kiosk_sessions[session_id] = {"clinic_id": clinic_id, "step": "welcome", "ws": ws}
    try:
        while True:
            msg = await ws.receive_json()
            state = _kiosk_sessions[session_id]
            if msg.get("action") == "lookup":
                state["step"] = "confirm"
                state["appointment_id"] = msg.get("appointment_id")
                await ws.send_json({"step": "confirm", "appointment_id": state["appointment_id"]})
            elif msg.get("action") == "reset":
                state["step"] = "welcome"
                await ws.send_json({"step": "welcome"})
    except WebSocketDisconnect as exc:
        log.info("kiosk %s at clinic %s disconnected (%s)", session_id, clinic_id, exc.code)
