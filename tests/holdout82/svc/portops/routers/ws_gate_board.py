from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

log = logging.getLogger(__name__)
router = APIRouter()

PING_INTERVAL_S = 20.0


@router.websocket("/ws/gate/board")
async def gate_board(websocket: WebSocket) -> None:
    board = websocket.app.state.gate_board
    await websocket.accept()
    if not await board.join(websocket):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    try:
        while True:
            try:
                await asyncio.wait_for(websocket.receive_text(), timeout=PING_INTERVAL_S * 3)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
    except WebSocketDisconnect:
        pass
    finally:
        await board.leave(websocket)
