import asyncio
import json
from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket
from redis.asyncio import Redis

from arena.rooms import listen, rooms

redis = Redis(host="cache", socket_timeout=2)


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(listen(redis))
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/rooms/{room}/score")
async def score(room: str, points: int) -> dict:
    await redis.publish(f"room:{room}", json.dumps({"points": points}))
    return {"ok": True}


@app.websocket("/ws/rooms/{room}")
async def play(ws: WebSocket, room: str) -> None:
    await ws.accept()
    rooms.join(room, ws)
    while True:
        await ws.receive_text()
