"""Arena websocket endpoints."""
from __future__ import annotations

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from arena.hub import hub
from arena.lobby import ReplaySession, lobby

router = APIRouter()


@router.websocket("/ws/arena/{player_id}")
async def arena_socket(websocket: WebSocket, player_id: str) -> None:
    await websocket.accept()
    hub.connections[player_id] = websocket  # expect: websocket-lifecycle
    try:
        while True:
            move = await websocket.receive_json()
            await hub.broadcast({"player": player_id, "move": move})
    except WebSocketDisconnect:
        hub.disconnect(player_id)


@router.websocket("/ws/arena/{player_id}/spectate")
async def spectate_socket(websocket: WebSocket, player_id: str) -> None:
    await websocket.accept()
    hub.connections[player_id] = websocket
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        hub.disconnect(player_id)


@router.websocket("/ws/arena/{player_id}/watch")
async def watch_socket(websocket: WebSocket, player_id: str) -> None:
    await websocket.accept()
    hub.connections[player_id] = websocket
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        hub.connections.pop(player_id, None)


@router.websocket("/ws/lobby/{user_id}")
async def lobby_socket(websocket: WebSocket, user_id: str) -> None:
    await lobby.serve(websocket, user_id)


@router.websocket("/ws/replay/{user_id}")
async def replay_socket(websocket: WebSocket, user_id: str) -> None:
    await ReplaySession().run(websocket, user_id)
