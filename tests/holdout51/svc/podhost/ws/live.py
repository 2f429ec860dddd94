"""Websocket endpoints for premiere rooms."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from podhost.utils.hashing import api_key_lookup_digest

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/premieres/{episode_id}/listen")
async def listen(websocket: WebSocket, episode_id: int) -> None:
    app = websocket.app
    registry = app.state.services.registry
    if not registry.has_capacity(episode_id):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    idle = app.state.settings.ws_idle_seconds
    total = await registry.join(episode_id, websocket)
    try:
        await websocket.send_json({"type": "welcome", "listeners": total})
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive_json(), timeout=idle)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            if message.get("type") == "reaction":
                await registry.broadcast(episode_id, {"type": "reaction", "emoji": str(message.get("emoji", ""))[:8]})
    except WebSocketDisconnect:
        pass
    finally:
        await registry.leave(episode_id, websocket)


@router.websocket("/ws/premieres/{episode_id}/host")
async def host(websocket: WebSocket, episode_id: int) -> None:
    services = websocket.app.state.services
    await websocket.accept()
    host_key = websocket.query_params.get("key", "")
    room = await services.premieres.open_room(episode_id, host_id=hash(api_key_lookup_digest(host_key)))
    await services.registry.join(episode_id, websocket)
    await websocket.send_json({"type": "room", "state": room.state})
    while True:
        command = await websocket.receive_json()
        action = command.get("action")
        if action == "start":
            await services.premieres.start(episode_id)
        elif action == "seek":
            await services.premieres.seek(episode_id, int(command.get("position_ms", 0)))
        elif action == "end":
            await services.premieres.end(episode_id)
            await websocket.close()
            return
