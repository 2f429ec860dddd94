"""Chat socket and login route."""
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from .errors import TooManyAttempts
from .throttle import login_allowed, may_send, room_has_space

router = APIRouter()


@router.websocket("/ws/rooms/{room}")
async def room_socket(ws: WebSocket, room: str) -> None:
    if not room_has_space(room):
        await ws.close(code=1013)
        return
    await ws.accept()
    user = ws.query_params.get("user", "anon")
    try:
        while True:
            text = await ws.receive_text()
            if not may_send(user):
                await ws.send_json({"error": "slow down"})
                continue
            await ws.send_text(text)
    except WebSocketDisconnect:
        pass


@router.post("/login")
async def login(email: str, password: str) -> dict:
    if not login_allowed(email):
        raise TooManyAttempts(email)
    return {"ok": bool(password)}
