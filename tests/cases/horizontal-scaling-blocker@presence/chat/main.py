from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from redis.asyncio import Redis

from chat.presence import PresenceTracker, SharedPresence

app = FastAPI()
tracker = PresenceTracker()
shared = SharedPresence(Redis.from_url("redis://localhost:6379/0"))


@app.websocket("/ws/rooms/{room_id}")
async def room_socket(websocket: WebSocket, room_id: int, user_id: int) -> None:
    await websocket.accept()
    tracker.connected(room_id, user_id)
    await shared.connected(room_id, user_id)
    try:
        while True:
            message = await websocket.receive_json()
            if message.get("type") == "typing":
                await websocket.send_json({"typing": tracker.typing(room_id, user_id)})
    except WebSocketDisconnect:
        pass
    finally:
        tracker.disconnected(room_id, user_id)
        await shared.disconnected(room_id, user_id)


@app.get("/rooms/{room_id}/online")
async def online(room_id: int) -> dict[str, list[int]]:
    return {"local": tracker.online(room_id), "everywhere": await shared.online(room_id)}
