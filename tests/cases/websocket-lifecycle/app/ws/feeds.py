"""Read-only feeds: iterating ends cleanly when the client leaves."""
from fastapi import APIRouter, WebSocket

from app.ws.rooms import rooms

router = APIRouter()


@router.websocket("/ws/feed")
async def feed_socket(websocket: WebSocket) -> None:
    await rooms.join("feed", websocket)
    try:
        async for text in websocket.iter_text():
            await websocket.send_json({"echo": text[:200]})
    finally:
        rooms.leave("feed", websocket)


@router.websocket("/ws/ping")
async def ping_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.receive_text()
            await websocket.send_text("pong")
    except Exception:
        await websocket.close()
