"""Desk API: tasks pushed to a housekeeper's handheld."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from desk.hubs import HandheldConnection, HandheldHub, MailboxHub

handhelds = HandheldHub()
mailboxes = MailboxHub()


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/tasks/{user_id}")
async def assign_task(user_id: str, body: dict) -> dict:
    delivered = handhelds.dispatch_to(user_id, {"type": "task", **body})
    queued = mailboxes.dispatch_to(user_id, body)
    return {"delivered": delivered, "queued": queued}


@app.websocket("/ws/handheld/{user_id}")
async def handheld_socket(websocket: WebSocket, user_id: str) -> None:
    await websocket.accept()
    conn = HandheldConnection(websocket, user_id)
    handhelds.register(conn)
    writer = asyncio.create_task(handhelds.writer(conn))
    try:
        while True:
            await websocket.receive_json()
    except WebSocketDisconnect:
        pass
    finally:
        writer.cancel()
        handhelds.unregister(conn)
