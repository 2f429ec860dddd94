"""Look-alike: the board is fed from a redis channel every replica listens to."""
import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from redis.asyncio import Redis

router = APIRouter()

screens: set[WebSocket] = set()


async def relay(redis: Redis) -> None:
    pubsub = redis.pubsub()
    await pubsub.subscribe("board")
    async for message in pubsub.listen():
        if message["type"] == "message":
            await show(json.loads(message["data"]))


async def show(event: dict) -> None:
    for ws in list(screens):
        await ws.send_json(event)


@router.websocket("/ws/board")
async def board(ws: WebSocket) -> None:
    await ws.accept()
    screens.add(ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        screens.discard(ws)
