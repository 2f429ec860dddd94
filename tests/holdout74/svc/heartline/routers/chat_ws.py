"""Match chat over a websocket: messages, typing indicators, read receipts."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from ..errors import AuthError, Forbidden, QuotaExceeded
from ..models.social import Match
from ..realtime.relay import match_room
from ..security import decode_token
from ..services.chat import ChatService

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/matches/{match_id}")
async def chat_socket(websocket: WebSocket, match_id: int) -> None:
    container = websocket.app.state.container
    try:
        principal = await asyncio.to_thread(decode_token, websocket.query_params.get("token", ""))
        match = await container.chat.authorize(match_id, principal.user_id)
    except (AuthError, Forbidden):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    connections = container.connections
    if not connections.can_accept(principal.user_id):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return

    await websocket.accept()
    room = match_room(match.id)
    connections.join(room, principal.user_id, websocket)
    idle = container.settings.ws_idle_seconds
    try:
        while True:
            try:
                frame = await asyncio.wait_for(websocket.receive_json(), timeout=idle)
            except asyncio.TimeoutError:
                await websocket.close(code=status.WS_1001_GOING_AWAY)
                break
            await _handle_frame(container.chat, match, principal.user_id, websocket, frame)
    except WebSocketDisconnect:
        log.debug("user %s left match %s", principal.user_id, match.id)
    finally:
        connections.leave(room, principal.user_id, websocket)


async def _handle_frame(chat: ChatService, match: Match, user_id: int, websocket: WebSocket, frame: dict[str, Any]) -> None:
    kind = frame.get("type")
    try:
        if kind == "message":
            ack = await chat.send(match, user_id, str(frame["body"]), frame.get("client_id"))
            await websocket.send_json({"type": "ack", "message": ack})
        elif kind == "typing":
            await chat.typing(match, user_id, bool(frame.get("active")))
        elif kind == "read":
            await chat.mark_read(match, user_id, int(frame["up_to"]))
        elif kind == "ping":
            await websocket.send_json({"type": "pong"})
        else:
            await websocket.send_json({"type": "error", "error": "unknown frame type"})
    except QuotaExceeded:
        await websocket.send_json({"type": "error", "error": "slow down"})
    except Exception:
        await websocket.send_json({"type": "error", "error": "invalid message"})
