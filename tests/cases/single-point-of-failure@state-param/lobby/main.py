import asyncio
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, WebSocket, WebSocketDisconnect
from starlette.requests import HTTPConnection

from lobby.services import LobbyService, Queue, build_lobby_service
from lobby.stores import create_badge_redis, create_events_redis, create_queue_redis


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.queue = Queue(create_queue_redis())
    app.state.events_redis = create_events_redis()
    app.state.badge_redis = create_badge_redis()
    yield


app = FastAPI(lifespan=lifespan)


def lobby_service(conn: HTTPConnection) -> LobbyService:
    return build_lobby_service(conn.app.state)


@app.post("/lobbies/{lobby}/players")
async def mark_ready(lobby: str, player: str, service: LobbyService = Depends(lobby_service)) -> dict:
    return await service.ready(lobby, player)


@app.websocket("/ws/lobbies/{lobby}")
async def lobby_socket(websocket: WebSocket, lobby: str, player: str) -> None:
    queue: Queue = websocket.app.state.queue
    await websocket.accept()
    try:
        position = await queue.join(lobby, player)
        await websocket.send_json({"position": position})
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=60)
    except WebSocketDisconnect:
        pass
    except asyncio.TimeoutError:
        await websocket.close(code=1001)
