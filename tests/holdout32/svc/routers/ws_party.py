"""Party socket: live party membership, invites and the leader's lobby moves."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from svc.errors import GameError

logger = logging.getLogger(__name__)

router = APIRouter()


@router.websocket("/ws/party/{party_id}")
async def party_socket(websocket: WebSocket, party_id: str, player_id: int) -> None:
    await websocket.accept()
    parties = websocket.app.state.parties
    settings = websocket.app.state.settings
    party = parties.party_of(player_id)
    if party is None or party.id != party_id:
        await websocket.close(code=4404)
        return
    try:
        parties.attach_socket(party_id, websocket)
    except GameError:
        await websocket.close(code=4404)
        return
    try:
        await websocket.send_json({"type": "members", "player_ids": party.member_ids()})
        while True:
            try:
                msg = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_timeout)
            except asyncio.TimeoutError:
                await websocket.close(code=1001)
                break
            if msg.get("type") == "ping":
                await websocket.send_json({"type": "pong"})
            elif msg.get("type") == "leave":
                parties.leave(player_id)
                await websocket.close()
                break
    except WebSocketDisconnect:
        logger.debug("party socket for %s closed", player_id)
    finally:
        parties.detach_socket(party_id, websocket)
