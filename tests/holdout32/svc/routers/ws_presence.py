"""Presence socket: the client heartbeats and receives its friends' status changes."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Query, WebSocket

from svc.db.engine import SessionFactory
from svc.db.repositories import PlayerRepository
from svc.security import decode_token

logger = logging.getLogger(__name__)

router = APIRouter()


@router.websocket("/ws/presence")
async def presence_socket(websocket: WebSocket, token: str = Query(...)) -> None:
    state = websocket.app.state
    player_id = int(decode_token(token, state.settings)["sub"])
    async with SessionFactory() as session:
        friends = await PlayerRepository(session).list_friends(player_id)
    friend_ids = [f.friend_id for f in friends]

    await websocket.accept()
    hub = state.presence_hub
    presence = state.presence
    hub.watch(websocket, friend_ids)
    await presence.heartbeat(player_id)
    await websocket.send_json({"type": "snapshot", "statuses": await presence.statuses(friend_ids)})

    while True:
        msg = await websocket.receive_json()
        kind = msg.get("type")
        if kind == "heartbeat":
            await presence.heartbeat(player_id, status=str(msg.get("status", "online")))
        elif kind == "watch":
            extra = [int(pid) for pid in msg.get("player_ids", [])][:50]
            allowed = [pid for pid in extra if pid in friend_ids]
            hub.watch(websocket, allowed)
        elif kind == "bye":
            await presence.go_offline(player_id)
            hub.unwatch(websocket)
            await websocket.close()
            return
