from fastapi import FastAPI, WebSocket
from redis.asyncio import Redis

from rooms.hub import RoomHub

app = FastAPI()
hub = RoomHub(Redis.from_url("redis://cache.internal:6379/0", socket_timeout=5))


@app.websocket("/ws/rooms/{room}")
async def room_socket(websocket: WebSocket, room: str) -> None:
    await websocket.accept()
    hub.join(room, websocket)
    while True:
        await websocket.receive_text()


@app.websocket("/ws/lobby/{room}")
async def lobby_socket(websocket: WebSocket, room: str) -> None:
    await websocket.accept()
    hub.join_supervised(room, websocket)
    while True:
        await websocket.receive_text()
