import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from redis.asyncio import Redis

from chatroom.hub import RoomHub


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = Redis.from_url("redis://cache:6379/0", socket_timeout=5)
    app.state.hub = RoomHub(redis)
    relay = asyncio.create_task(app.state.hub.relay())
    yield
    relay.cancel()
    await redis.aclose()


app = FastAPI(lifespan=lifespan)


@app.websocket("/ws/rooms/{room}")
async def room_socket(websocket: WebSocket, room: str, user_id: int) -> None:
    hub: RoomHub = websocket.app.state.hub
    await websocket.accept()
    hub.attach(room, websocket)
    try:
        while True:
            text = await websocket.receive_text()
            if not hub.throttle.permit(user_id):
                await websocket.send_json({"error": "slow down"})
                continue
            await hub.publish(room, text)
    except WebSocketDisconnect:
        pass
    finally:
        hub.detach(room, websocket)


@app.websocket("/ws/announce/{room}")
async def announce_socket(websocket: WebSocket, room: str, user_id: int) -> None:
    hub: RoomHub = websocket.app.state.hub
    await websocket.accept()
    try:
        while True:
            text = await websocket.receive_text()
            if not await hub.shared.permit(user_id):
                await websocket.send_json({"error": "slow down"})
                continue
            await hub.publish(room, text)
    except WebSocketDisconnect:
        pass


@app.get("/preview")
async def preview(url: str) -> dict[str, str]:
    host = httpx.URL(url).host
    if not app.state.hub.breaker.allow(host):
        return {"preview": ""}
    try:
        async with httpx.AsyncClient(timeout=3.0) as client:
            resp = await client.get(url)
    except httpx.HTTPError:
        app.state.hub.breaker.trip(host)
        return {"preview": ""}
    return {"preview": resp.text[:200]}
