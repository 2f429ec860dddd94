from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from arenaplay.dependencies import decode_player_id
from arenaplay.errors import AuthError
from arenaplay.services.sessions import SessionManager
from arenaplay.ws.hub import MatchHub, Outbox

router = APIRouter()
logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10


async def _heartbeat(websocket: WebSocket) -> None:
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        await websocket.send_json({"type": "ping"})


def _connection_slots(app) -> dict[int, int]:
    return app.state.ws_slots


@router.websocket("/ws/match/{match_id}")
async def match_socket(websocket: WebSocket, match_id: str) -> None:
    app = websocket.app
    settings = app.state.settings
    try:
        player_id = decode_player_id(websocket.query_params.get("token", ""), settings)
    except AuthError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    slots = _connection_slots(app)
    if slots.get(player_id, 0) >= settings.max_ws_per_player:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    sessions: SessionManager = app.state.sessions
    hub: MatchHub = app.state.hub
    session = sessions.get(match_id)
    if session is None or player_id not in session.players:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return

    await websocket.accept()
    slots[player_id] = slots.get(player_id, 0) + 1
    outbox = Outbox(websocket)
    await hub.join(match_id, outbox)
    writer = asyncio.create_task(outbox.run())
    heartbeat = asyncio.create_task(_heartbeat(websocket))
    session.connected.add(player_id)
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_timeout)
            if message.get("type") == "pong":
                continue
            frame = await sessions.apply_input(match_id, player_id, message)
            await hub.broadcast(match_id, frame)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.info("player %s left match socket %s", player_id, match_id)
    except PermissionError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
    finally:
        heartbeat.cancel()
        writer.cancel()
        session.connected.discard(player_id)
        await hub.leave(match_id, outbox)
        slots[player_id] -= 1
        if slots[player_id] <= 0:
            slots.pop(player_id, None)
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(heartbeat, writer, return_exceptions=True)
        if not session.connected:
            await sessions.abandon(match_id, player_id)
