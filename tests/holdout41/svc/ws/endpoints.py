"""WebSocket endpoints: live notification stream and per-post presence rooms."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from svc.auth.tokens import AuthError, user_id_from_token
from svc.config import get_settings
from svc.db.connections import sessionmaker
from svc.repositories import notifications_repo


router = APIRouter()
log = logging.getLogger(__name__)


@router.websocket("/ws/notifications")
async def notifications_ws(websocket: WebSocket, token: str = Query(...)) -> None:
    settings = get_settings()
    try:
        user_id = user_id_from_token(token)
    except AuthError:
        await websocket.close(code=4401)
        return

    manager = websocket.app.state.ws_manager
    if manager.count(user_id) >= settings.ws_max_connections_per_user:
        await websocket.close(code=4429)
        return
    conn = manager.register(websocket, user_id)
    await websocket.accept()

    try:
        while True:
            text = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            if text == "ping":
                conn.offer({"type": "pong"})
            elif text.startswith("read:"):
                ids = [int(x) for x in text[5:].split(",") if x.isdigit()][:100]
                async with sessionmaker()() as session:
                    await notifications_repo.mark_read(session, user_id, ids)
                    await session.commit()
    except WebSocketDisconnect:
        await manager.unregister(conn)


rooms: dict[int, set[WebSocket]] = defaultdict(set)


@router.websocket("/ws/posts/{post_id}/live")
async def live_post(websocket: WebSocket, post_id: int) -> None:
    await websocket.accept()
    rooms[post_id].add(websocket)
    await websocket.send_json({"type": "viewers", "count": len(rooms[post_id])})
    while True:
        event = await websocket.receive_json()
        if event.get("type") != "typing":
            continue
        handle = str(event.get("handle", ""))[:32]
        for peer in list(rooms[post_id]):
            if peer is not websocket:
                await peer.send_json({"type": "typing", "handle": handle})
