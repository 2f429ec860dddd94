import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from lobby.channels import events_redis, matches_redis, stats_redis
from lobby.hub import LobbyHub

hub = LobbyHub()
matches_hub = LobbyHub()


@asynccontextmanager
async def lifespan(app: FastAPI):
    tasks = [
        asyncio.create_task(hub.listen(events_redis, "lobby:*")),
        asyncio.create_task(matches_hub.listen(matches_redis, "matches:*")),
        asyncio.create_task(hub.flush_counts(stats_redis)),
    ]
    yield
    for task in tasks:
        task.cancel()
    await events_redis.aclose()


app = FastAPI(lifespan=lifespan)


@app.websocket("/ws/lobby")
async def lobby(websocket: WebSocket) -> None:
    await websocket.accept()
    await hub.join(websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        await hub.leave(websocket)
