from typing import Any

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from chat import store

app = FastAPI()


@app.get("/rooms/{room}/messages")
async def messages(room: str) -> list[dict[str, Any]]:
    return await store.recent(room)


@app.websocket("/ws/rooms/{room}")
async def room_socket(websocket: WebSocket, room: str) -> None:
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive_json()
            await store.append(room, message)
    except WebSocketDisconnect:
        return
