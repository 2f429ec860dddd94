"""Lobby sockets: presence, chat and a greeting, all released on disconnect."""
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from lobby.manager import manager

router = APIRouter()


@router.websocket("/ws/lobby/{room}")
async def presence(websocket: WebSocket, room: str) -> None:
    # correct: the loop only waits for frames, so the disconnect is the only way out of it
    await manager.connect(room, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        manager.disconnect(room, websocket)


@router.websocket("/ws/lobby/{room}/chat")
async def chat(websocket: WebSocket, room: str) -> None:
    await manager.connect(room, websocket)  # expect: websocket-lifecycle
    try:
        while True:
            text = await websocket.receive_text()
            await manager.broadcast(room, f"{room}: {text}")
    except WebSocketDisconnect:
        manager.disconnect(room, websocket)


@router.websocket("/ws/lobby/{room}/greeted")
async def greeted(websocket: WebSocket, room: str) -> None:
    await manager.connect(room, websocket)  # expect: websocket-lifecycle
    try:
        await websocket.send_json({"room": room, "hello": True})
        while True:
            await websocket.receive_bytes()
    except WebSocketDisconnect:
        manager.disconnect(room, websocket)


@router.websocket("/ws/lobby/{room}/typed")
async def typed(websocket: WebSocket, room: str) -> None:
    await manager.connect(room, websocket)  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.receive_json()
    except WebSocketDisconnect:
        manager.disconnect(room, websocket)
