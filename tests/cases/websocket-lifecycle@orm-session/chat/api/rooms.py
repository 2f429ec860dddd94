"""Room websockets: messages are stored as they arrive."""
from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from chat.auth import verify_ticket
from chat.db import Message

router = APIRouter()


@router.websocket("/ws/rooms/{room_id}")
async def room_ws(websocket: WebSocket, room_id: int) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    sessions = websocket.app.state.sessions
    try:
        while True:
            payload = await websocket.receive_json()
            async with sessions() as session:
                message = Message(room_id=room_id, sender_id=int(payload["sender_id"]), body=str(payload["body"]))
                session.add(message)
                await session.commit()
            await websocket.send_json({"type": "ack", "id": message.id})
    except WebSocketDisconnect:
        pass


@router.websocket("/ws/members/rooms/{room_id}")
async def member_room_ws(websocket: WebSocket, room_id: int, ticket: str = Query(...)) -> None:
    member_id = verify_ticket(room_id, ticket)
    if member_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    sessions = websocket.app.state.sessions
    try:
        while True:
            payload = await websocket.receive_json()
            async with sessions() as session:
                session.add(Message(room_id=room_id, sender_id=member_id, body=str(payload["body"])))
                await session.commit()
    except WebSocketDisconnect:
        pass


@router.websocket("/ws/rooms/{room_id}/history")
async def history_ws(websocket: WebSocket, room_id: int) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    sessions = websocket.app.state.sessions
    try:
        while True:
            await websocket.receive_text()
            async with sessions() as session:
                rows = await session.get(Message, room_id)
            await websocket.send_json({"latest": rows.body if rows else None})
    except WebSocketDisconnect:
        pass
