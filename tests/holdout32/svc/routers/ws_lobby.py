"""Lobby chat and ready-check over a websocket."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from svc.errors import AuthError
from svc.security import decode_token
from svc.services.lobby import LobbyService

logger = logging.getLogger(__name__)

router = APIRouter()

Handler = Callable[[LobbyService, str, int, dict[str, Any]], Awaitable[dict[str, Any] | None]]
_HANDLERS: dict[str, Handler] = {}


def handles(message_type: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _HANDLERS[message_type] = fn
        return fn

    return register


@handles("chat")
async def _chat(lobbies: LobbyService, lobby_id: str, player_id: int, msg: dict[str, Any]) -> None:
    text = str(msg.get("text", ""))[:500]
    if text:
        await lobbies.publish_event(lobby_id, {"type": "chat", "from": player_id, "text": text})
    return None


@handles("ready")
async def _ready(lobbies: LobbyService, lobby_id: str, player_id: int, msg: dict[str, Any]) -> None:
    await lobbies.set_ready(lobby_id, player_id, bool(msg.get("ready", True)))
    return None


@handles("ping")
async def _ping(lobbies: LobbyService, lobby_id: str, player_id: int, msg: dict[str, Any]) -> dict[str, Any]:
    return {"type": "pong"}


@router.websocket("/ws/lobby/{lobby_id}")
async def lobby_socket(websocket: WebSocket, lobby_id: str, token: str = Query(...)) -> None:
    state = websocket.app.state
    settings = state.settings
    try:
        player_id = int(decode_token(token, settings)["sub"])
    except AuthError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    lobbies = LobbyService(state.redis, state.lobby_connections, state.locks, settings)
    if not await lobbies.is_member(lobby_id, player_id):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return

    await websocket.accept()
    connections = state.lobby_connections
    if not await connections.connect(lobby_id, websocket):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    try:
        while True:
            try:
                raw = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            except asyncio.TimeoutError:
                await websocket.close(code=status.WS_1001_GOING_AWAY)
                break
            if len(raw) > settings.ws_max_message_bytes:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            try:
                msg = json.loads(raw)
            except json.JSONDecodeError:
                await websocket.send_json({"type": "error", "error": "invalid json"})
                continue
            handler = _HANDLERS.get(str(msg.get("type")))
            if handler is None:
                await websocket.send_json({"type": "error", "error": "unknown message type"})
                continue
            reply = await handler(lobbies, lobby_id, player_id, msg)
            if reply is not None:
                await websocket.send_json(reply)
    except WebSocketDisconnect:
        logger.debug("player %s left lobby socket %s", player_id, lobby_id)
    finally:
        connections.disconnect(lobby_id, websocket)
