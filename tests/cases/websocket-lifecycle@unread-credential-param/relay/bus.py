import json

import redis.asyncio as redis
from fastapi import APIRouter, FastAPI, WebSocket, WebSocketDisconnect

router = APIRouter()
client = redis.Redis()


@router.websocket("/rooms/{room}/say")
async def say(ws: WebSocket, room: str, api_key: str = "") -> None:
    await ws.accept()  # expect: websocket-lifecycle
    try:
        async for message in ws.iter_text():
            await client.publish(f"room:{room}", json.dumps({"text": message}))
    except WebSocketDisconnect:
        return


app = FastAPI()
app.include_router(router)
