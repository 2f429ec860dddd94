"""Staff feed socket."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from presence.tracker import PresenceTracker, SocketRegistry


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.presence = PresenceTracker()
    app.state.registry = SocketRegistry()
    yield


app = FastAPI(lifespan=lifespan)


@app.websocket("/ws/staff")
async def staff_feed(websocket: WebSocket) -> None:
    presence: PresenceTracker = websocket.app.state.presence
    registry: SocketRegistry = websocket.app.state.registry
    await websocket.accept()
    staff_id = int(websocket.query_params.get("staff", "0"))
    presence.seen(staff_id)
    registry.add(staff_id)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        presence.gone(staff_id)
        registry.remove(staff_id)
