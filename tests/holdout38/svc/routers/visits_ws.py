from __future__ import annotations

import asyncio
from collections import defaultdict
import contextlib
import json

from fastapi import APIRouter, Depends, HTTPException, status, WebSocket, WebSocketDisconnect

from ..cache import get_or_load
from ..config import settings
from ..deps import signalling_hub
from ..errors import Conflict
from ..observability import get_logger
from ..security import decode_token
from ..services.signalling import Participant, SignallingHub

router = APIRouter(tags=["visits"])
log = get_logger(__name__)

_lobby_watchers: defaultdict[str, set[WebSocket]] = defaultdict(set)


async def _pump_outbox(websocket: WebSocket, participant: Participant) -> None:
    while True:
        message = await participant.outbox.get()
        await websocket.send_json(message)


@router.websocket("/ws/visits/{room_id}")
async def visit_socket(websocket: WebSocket, room_id: str, hub: SignallingHub = Depends(signalling_hub)) -> None:
    token = websocket.query_params.get("token", "")
    try:
        principal = decode_token(token)
    except HTTPException:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    participant_id = principal["sub"]
    try:
        participant, media = await hub.join(room_id, participant_id, principal.get("role", "patient"))
    except Conflict as exc:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER, reason=exc.message)
        return
    ice = await get_or_load("ice-servers", hub.video.ice_servers)
    await websocket.send_json({"type": "welcome", "media": media, "ice": ice, "peers": hub.room_snapshot(room_id)})
    pump = asyncio.create_task(_pump_outbox(websocket, participant))
    try:
        while True:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_seconds)
            message = hub.parse(raw)
            if message is not None and message.get("type") == "ping":
                continue
            if message is None or not hub.is_signal(message):
                await websocket.send_json({"type": "error", "reason": "unsupported message"})
                continue
            message["from"] = participant_id
            await hub.broadcast(room_id, participant_id, message)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        log.info("visit_socket_closed", room_id=room_id, participant_id=participant_id)
    finally:
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pump
        await hub.leave(room_id, participant_id)


async def notify_lobby(clinician_id: str, event: dict) -> None:
    for ws in list(_lobby_watchers[clinician_id]):
        await ws.send_text(json.dumps(event))


@router.websocket("/ws/lobby/{clinician_id}")
async def lobby_socket(websocket: WebSocket, clinician_id: str) -> None:
    await websocket.accept()
    _lobby_watchers[clinician_id].add(websocket)
    await websocket.send_json({"type": "lobby", "waiting": len(_lobby_watchers[clinician_id])})
    while True:
        data = await websocket.receive_json()
        if data.get("type") == "ready":
            await websocket.app.state.presence.publish_lobby(clinician_id, {"type": "patient-ready", "at": data.get("at")})
