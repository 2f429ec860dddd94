from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from fleetwise.utils.security import decode_ops_token

log = logging.getLogger(__name__)

router = APIRouter()

HEARTBEAT_SECONDS = 30.0


@router.websocket("/ws/ops-chat/{room}")
async def ops_chat(websocket: WebSocket, room: str) -> None:
    token = websocket.query_params.get("token", "")
    try:
        claims = decode_ops_token(token)
    except Exception:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    state = websocket.app.state
    user = claims["sub"]
    rooms, chat = state.chat_rooms, state.chat
    rooms.join(room, websocket)
    await websocket.send_json({"type": "history", "messages": await chat.history(room)})
    await chat.mark_read(room, user)
    try:
        while True:
            try:
                incoming = await asyncio.wait_for(websocket.receive_json(), timeout=HEARTBEAT_SECONDS * 2)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            if incoming.get("type") == "pong":
                continue
            body = str(incoming.get("body", "")).strip()[:4000]
            if not body:
                continue
            if not await state.chat_limiter.allow(f"chat:{user}"):
                await websocket.send_json({"type": "error", "detail": "slow down"})
                continue
            recipients = [str(u) for u in incoming.get("notify", [])][:50]
            message = await chat.post(room, user, body, recipients)
            await rooms.broadcast(room, {"type": "message", **message})
    except WebSocketDisconnect:
        log.info("chat %s: %s left", room, user)
