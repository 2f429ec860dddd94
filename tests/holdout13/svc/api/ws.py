"""Websocket endpoints: guest messaging threads and staff live feeds."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import jwt
from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.config import settings
from svc.services.messaging import PresenceTracker, StaffFeed, ThreadHub

logger = logging.getLogger(__name__)
router = APIRouter()

MAX_MESSAGE_BYTES = 8 * 1024


def _staff_id_from(token: str | None) -> int | None:
    if not token:
        return None
    try:
        return int(jwt.decode(token, settings.jwt_secret, algorithms=["HS256"])["sub"])
    except (jwt.PyJWTError, KeyError, ValueError):
        return None


@router.websocket("/ws/threads/{thread_id}")
async def guest_chat(websocket: WebSocket, thread_id: int) -> None:
    hub: ThreadHub = websocket.app.state.hub
    if _staff_id_from(websocket.query_params.get("token")) is None and not websocket.query_params.get("guest_link"):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    hub.join(thread_id, websocket)
    while True:
        text = await websocket.receive_text()
        if len(text) > MAX_MESSAGE_BYTES:
            await websocket.send_json({"error": "message too large"})
            continue
        await hub.publish(thread_id, {"thread_id": thread_id, "body": text})


@router.websocket("/ws/staff/feed")
async def staff_feed(websocket: WebSocket) -> None:
    feed: StaffFeed = websocket.app.state.staff_feed
    presence: PresenceTracker = websocket.app.state.presence
    await websocket.accept()
    staff_id = _staff_id_from(websocket.query_params.get("token"))
    queue = feed.register(websocket)
    presence.seen(staff_id or 0)
    pump = asyncio.create_task(feed.pump(websocket, queue))
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        pump.cancel()
        feed.unregister(websocket)
        presence.gone(staff_id or 0)


@router.websocket("/ws/housekeeping")
async def housekeeping_feed(websocket: WebSocket) -> None:
    feed: StaffFeed = websocket.app.state.hk_feed
    staff_id = _staff_id_from(websocket.query_params.get("token"))
    if staff_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if websocket.app.state.hub.connection_count() >= settings.ws_max_connections:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    queue = feed.register(websocket)
    pump = asyncio.create_task(feed.pump(websocket, queue))
    try:
        while True:
            text = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            if text == "ping":
                await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.info("housekeeping feed closed for staff %s", staff_id)
    finally:
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pump
        feed.unregister(websocket)
