"""Chat rooms over websockets."""
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from app.ws.rooms import rooms

router = APIRouter()


@router.websocket("/ws/rooms/{room}")
async def room_socket(websocket: WebSocket, room: str) -> None:  # expect: websocket-lifecycle
    await rooms.join(room, websocket)  # expect: websocket-lifecycle
    while True:
        message = await websocket.receive_json()  # expect: websocket-lifecycle
        await rooms.publish(room, {"room": room, "text": str(message.get("text", ""))[:500]})


@router.websocket("/ws/rooms/{room}/safe")
async def room_socket_safe(websocket: WebSocket, room: str) -> None:
    await rooms.join(room, websocket)
    try:
        while True:
            message = await websocket.receive_json()
            await rooms.publish(room, {"room": room, "text": str(message.get("text", ""))[:500]})
    except WebSocketDisconnect:
        pass
    finally:
        rooms.leave(room, websocket)


@router.websocket("/ws/rooms/{room}/partial")
async def room_socket_partial(websocket: WebSocket, room: str) -> None:
    await rooms.join(room, websocket)  # expect: websocket-lifecycle
    try:
        while True:
            message = await websocket.receive_json()
            await rooms.publish(room, {"room": room, "text": str(message.get("text", ""))[:500]})
    except WebSocketDisconnect:
        rooms.leave(room, websocket)
