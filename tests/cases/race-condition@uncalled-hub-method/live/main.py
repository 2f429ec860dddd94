"""Live rooms over websockets."""
from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from redis.asyncio import Redis

from live.hub import RoomHub

app = FastAPI()
hub = RoomHub(Redis.from_url("redis://localhost", socket_timeout=5))


@app.websocket("/rooms/{room_id}")
async def room(websocket: WebSocket, room_id: int) -> None:
    await websocket.accept()
    await hub.join(room_id, websocket)
    try:
        async for _ in websocket.iter_text():
            pass
    except WebSocketDisconnect:
        pass
    finally:
        await hub.leave(room_id, websocket)
