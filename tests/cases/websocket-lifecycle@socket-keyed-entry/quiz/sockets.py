"""Quiz sockets."""
import time

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from quiz.hub import hub
from quiz.state import answers

router = APIRouter()
_heartbeats: dict[int, float] = {}
_nicknames: dict[WebSocket, str] = {}


@router.websocket("/ws/quiz/{room}")
async def quiz_socket(ws: WebSocket, room: str, token: str) -> None:
    await hub.connect(room, ws)
    try:
        while True:
            message = await ws.receive_json()
            answers.setdefault(id(ws), []).append(str(message.get("answer")))
            _heartbeats[id(ws)] = time.monotonic()  # expect: websocket-lifecycle
    except WebSocketDisconnect:
        pass
    finally:
        hub.disconnect(room, ws)


@router.websocket("/ws/quiz/{room}/named")
async def named_socket(ws: WebSocket, room: str, token: str) -> None:
    await hub.connect(room, ws)
    try:
        while True:
            message = await ws.receive_json()
            _nicknames[ws] = str(message.get("nickname", ""))[:20]  # expect: websocket-lifecycle
    except WebSocketDisconnect:
        pass
    finally:
        hub.disconnect(room, ws)


@router.websocket("/ws/quiz/{room}/tidy")
async def tidy_socket(ws: WebSocket, room: str, token: str) -> None:
    await hub.connect(room, ws)
    try:
        while True:
            message = await ws.receive_json()
            _nicknames[ws] = str(message.get("nickname", ""))[:20]
    except WebSocketDisconnect:
        pass
    finally:
        _nicknames.pop(ws, None)
        hub.disconnect(room, ws)
