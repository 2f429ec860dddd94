"""Waiting-room websockets: the room itself, the queue position and the clinic's public status."""
import asyncio

from fastapi import FastAPI, WebSocket, WebSocketDisconnect, status
from redis.asyncio import Redis

from queue.tokens import verify_link

app = FastAPI()
redis = Redis.from_url("redis://localhost")


@app.websocket("/ws/room/{booking_id}")
async def room(websocket: WebSocket, booking_id: int, sig: str) -> None:
    if not verify_link(booking_id, sig):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=60)
            await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass


@app.websocket("/ws/queue/{booking_id}")
async def queue_position(websocket: WebSocket, booking_id: int) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=60)
            position = await redis.zrank(f"queue:{booking_id // 1000}", str(booking_id))
            await websocket.send_json({"booking_id": booking_id, "position": position})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass


@app.websocket("/ws/queue-signed/{booking_id}")
async def queue_position_signed(websocket: WebSocket, booking_id: int, sig: str) -> None:
    if not verify_link(booking_id, sig):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=60)
            position = await redis.zrank(f"queue:{booking_id // 1000}", str(booking_id))
            await websocket.send_json({"booking_id": booking_id, "position": position})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass


@app.websocket("/ws/clinics/{clinic_slug}/status")
async def clinic_status(websocket: WebSocket, clinic_slug: str) -> None:
    await websocket.accept()
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=60)
            waiting = await redis.zcard(f"clinic:{clinic_slug}")
            await websocket.send_json({"waiting": waiting})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
