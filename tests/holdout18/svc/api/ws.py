"""WebSocket endpoints: waiting room, live seat map, back-office sales feed."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from svc.api.deps import verify_session_ticket
from svc.config import settings
from svc.services.holds import SeatWatchers
from svc.services.waiting_room import QueueHub, WaitingRoom, _Subscriber

logger = logging.getLogger(__name__)

router = APIRouter()

MAX_CLIENT_MESSAGE = 256


async def _pump(sub: _Subscriber) -> None:
    while True:
        message = await sub.outbox.get()
        await sub.ws.send_json(message)


@router.websocket("/ws/queue/{event_id}")
async def waiting_room_socket(
    websocket: WebSocket,
    event_id: int,
    session_id: str = Query(...),
    sig: str = Query(...),
) -> None:
    hub: QueueHub = websocket.app.state.hub
    room: WaitingRoom = websocket.app.state.waiting_room
    if not verify_session_ticket(session_id, sig):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if not hub.has_room():
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return

    await websocket.accept()
    sub = hub.register(session_id, websocket)
    sender = asyncio.create_task(_pump(sub), name=f"wr-send-{session_id}")
    try:
        position = await room.join(event_id, session_id)
        sub.outbox.put_nowait({"type": "position", "position": position})
        while True:
            text = await asyncio.wait_for(websocket.receive_text(), timeout=settings.waiting_room_idle_timeout)
            if len(text) > MAX_CLIENT_MESSAGE:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            if text == "position":
                current = await room.position(event_id, session_id)
                if current is None:
                    continue
                try:
                    sub.outbox.put_nowait({"type": "position", "position": current})
                except asyncio.QueueFull:
                    pass
    except WebSocketDisconnect:
        logger.debug("queue socket for %s disconnected", session_id)
    except asyncio.TimeoutError:
        await websocket.close(code=status.WS_1001_GOING_AWAY)
    finally:
        sender.cancel()
        hub.unregister(session_id)


@router.websocket("/ws/events/{event_id}/seats")
async def seat_updates_socket(websocket: WebSocket, event_id: int) -> None:
    watchers: SeatWatchers = websocket.app.state.watchers
    await websocket.accept()
    watchers.add(event_id, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        logger.debug("seat map viewer for event %s left", event_id)


@router.websocket("/ws/admin/sales")
async def admin_sales_feed(websocket: WebSocket) -> None:
    await websocket.accept()
    pool = websocket.app.state.pool
    while True:
        async with pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT event_id, count(*) AS orders, sum(total) AS gross FROM orders "
                "WHERE status IN ('captured', 'settled') AND created_at > now() - interval '1 hour' "
                "GROUP BY event_id"
            )
        await websocket.send_json(
            [{"event_id": r["event_id"], "orders": r["orders"], "gross": str(r["gross"])} for r in rows]
        )
        await asyncio.sleep(2)
