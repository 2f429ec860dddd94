"""Per-venue queue length sockets."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from arena.auth import referee_for_match

router = APIRouter()


class QueueBoard:
    def __init__(self) -> None:
        self.lengths: dict[int, int] = {}

    def length(self, venue_id: int) -> int:
        return self.lengths.get(venue_id, 0)


board = QueueBoard()


@router.websocket("/ws/venues/{venue_id}/queue/staff")
async def staff_queue(websocket: WebSocket, venue_id: int) -> None:
    if await referee_for_match(websocket, venue_id) is None:
        await websocket.close(code=1008)
        return
    await websocket.accept()
    try:
        while True:
            await websocket.send_text(str(board.length(venue_id)))
            await asyncio.sleep(1)
    except WebSocketDisconnect:
        return


@router.websocket("/ws/venues/{venue_id}/queue")
async def queue_length(websocket: WebSocket, venue_id: int) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    while True:
        await websocket.send_json({"venue": venue_id, "waiting": board.length(venue_id)})
        await asyncio.sleep(1)
