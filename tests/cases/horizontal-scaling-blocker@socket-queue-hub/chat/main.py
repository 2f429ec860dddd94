"""Chat API."""
import asyncio
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from chat.hubs import NoticeHub, RoomHub

rooms = RoomHub()
notices = NoticeHub()


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = redis.Redis()
    task = asyncio.create_task(notices.listen(client))
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


async def _pump(websocket: WebSocket, queue: asyncio.Queue) -> None:
    while True:
        await websocket.send_text(await queue.get())


@app.websocket("/ws/rooms/{room}")
async def room_socket(websocket: WebSocket, room: str) -> None:
    await websocket.accept()
    queue = rooms.join(room)
    pump = asyncio.create_task(_pump(websocket, queue))
    try:
        while True:
            text = await websocket.receive_text()
            await rooms.post(room, text)
    except WebSocketDisconnect:
        pass
    finally:
        pump.cancel()
        rooms.leave(room, queue)


@app.websocket("/ws/notices/{room}")
async def notice_socket(websocket: WebSocket, room: str) -> None:
    await websocket.accept()
    queue = notices.join(room)
    pump = asyncio.create_task(_pump(websocket, queue))
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        pump.cancel()
        notices.leave(room, queue)
