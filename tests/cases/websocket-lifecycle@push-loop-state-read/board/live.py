"""Live scoreboard sockets."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from arena.auth import referee_for_match
from arena.scores import tally

router = APIRouter()


@router.websocket("/ws/referee/{match_id}")
async def referee_console(websocket: WebSocket, match_id: int) -> None:
    if await referee_for_match(websocket, match_id) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        while True:
            await websocket.receive_text()
            await websocket.send_json(tally.points_for(match_id))
    except WebSocketDisconnect:
        return


@router.websocket("/ws/referee/{match_id}/points")
async def referee_points(websocket: WebSocket, match_id: int) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            points = tally.points_for(match_id)
            await websocket.send_json({"points": points})
            await asyncio.sleep(2)
    except WebSocketDisconnect:
        return


@router.websocket("/ws/spectators")
async def spectator_count(websocket: WebSocket) -> None:
    # correct: a public counter with no id in its path
    await websocket.accept()
    try:
        while True:
            await websocket.send_json({"spectators": tally.spectators()})
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        return
