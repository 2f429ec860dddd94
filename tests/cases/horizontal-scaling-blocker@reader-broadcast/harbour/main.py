import asyncio
import json
from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from redis.asyncio import Redis

from harbour.relay import relay_berths
from harbour.rooms import BerthBoard, ChatRooms


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.redis = Redis(host="cache", socket_timeout=2)
    app.state.rooms = ChatRooms()
    app.state.board = BerthBoard()
    task = asyncio.create_task(relay_berths(app.state.redis, app.state.board), name="berth-relay")
    yield
    task.cancel()
    await app.state.redis.aclose()


app = FastAPI(lifespan=lifespan)


@app.websocket("/ws/chat/{room}")
async def chat(websocket: WebSocket, room: str) -> None:
    await websocket.accept()
    rooms: ChatRooms = websocket.app.state.rooms
    rooms.join(room, websocket)
    try:
        while True:
            text = await websocket.receive_text()
            await rooms.broadcast(room, {"type": "message", "body": text[:2000]})
    except WebSocketDisconnect:
        rooms.leave(room, websocket)


@app.websocket("/ws/berths/{port}")
async def berths(websocket: WebSocket, port: str) -> None:
    await websocket.accept()
    board: BerthBoard = websocket.app.state.board
    board.watch(port, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        board.unwatch(port, websocket)


@app.post("/berths/{port}")
async def update_berth(port: str, status: str) -> dict:
    await app.state.redis.publish("berths", json.dumps({"port": port, "status": status}))
    return {"ok": True}
