"""Clinic sockets: nurses sign in with a header key; room screens hang on the hub."""
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from clinic.hub import screens

router = APIRouter()
NURSE_KEYS = {"k1", "k2"}


@router.websocket("/ws/nurses")
async def nurse_station(websocket: WebSocket) -> None:
    if websocket.headers.get("x-nurse-key") not in NURSE_KEYS:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    try:
        while True:
            await screens.show("lobby", await websocket.receive_json())
    except WebSocketDisconnect:
        return


@router.websocket("/ws/rooms/screen")
async def room_screen(websocket: WebSocket) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    room = "lobby"
    screens.hang(room, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        screens.unhang(room, websocket)
