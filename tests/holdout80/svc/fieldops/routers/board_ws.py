from __future__ import annotations

import asyncio
from datetime import date

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from fieldops.services.board import BoardService

router = APIRouter()


@router.websocket("/ws/board/{account_id}")
async def board_socket(websocket: WebSocket, account_id: int) -> None:
    await websocket.accept()
    board: BoardService = websocket.app.state.board
    outgoing: asyncio.Queue[dict] = asyncio.Queue()

    async def pump() -> None:
        async for event in board.events(account_id):
            outgoing.put_nowait(event)

    pump_task = asyncio.create_task(pump())
    try:
        snapshot = await board.snapshot(account_id, date.today())
        await websocket.send_json({"type": "snapshot", **snapshot})
        while True:
            event = await outgoing.get()
            await websocket.send_json(event)
    except WebSocketDisconnect:
        pass
    finally:
        pump_task.cancel()
