from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, status

from ..container import Container
from ..middleware.auth import InvalidToken, authenticate_board_token
from ..realtime.hub import BoardConnection

logger = logging.getLogger(__name__)
router = APIRouter()

MAX_BOARD_CONNECTIONS = 400


@router.websocket("/ws/board/{ward_id}")
async def board_socket(websocket: WebSocket, ward_id: int) -> None:
    container: Container = websocket.app.state.container
    try:
        user = authenticate_board_token(websocket.query_params.get("token"), container.settings.board_token_secret)
    except InvalidToken:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if user.ward_ids and ward_id not in user.ward_ids:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if container.board_hub.connection_count() >= MAX_BOARD_CONNECTIONS:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    conn = BoardConnection(websocket, ward_id, user.user_id)
    container.board_hub.register(conn)
    pump = asyncio.create_task(container.board_hub.pump(conn))
    async with container.sessions() as session:
        beds = await container.board(session).compact_board(ward_id)
    await websocket.send_json({"type": "snapshot", "beds": beds})
    while True:
        message = await asyncio.wait_for(websocket.receive_json(), timeout=container.settings.ws_idle_timeout)
        if message.get("type") == "ping":
            await websocket.send_json({"type": "pong"})
        elif message.get("type") == "focus_bed":
            logger.debug("user %s focused bed %s", user.user_id, message.get("bed_id"))
        if pump.done():
            break
