"""Collaborative document review: presence, cursors and inline comments."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from lexdesk.api.deps import authenticate_websocket
from lexdesk.container import Container

log = logging.getLogger(__name__)

router = APIRouter()

MAX_COMMENT_CHARS = 4000


@router.websocket("/ws/documents/{document_id}/review")
async def review_session(websocket: WebSocket, document_id: int) -> None:
    container: Container = websocket.app.state.container
    user = await authenticate_websocket(websocket, container)
    if user is None:
        return
    presence = container.presence
    if presence.connection_count(user.user_id) >= container.settings.ws_max_connections_per_user:
        await websocket.close(code=4429)
        return

    await websocket.accept()
    await presence.join(document_id, user, websocket)
    await websocket.send_json({"type": "roster", "users": await presence.roster(document_id)})
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=container.settings.ws_idle_timeout)
            kind = message.get("type")
            if kind == "ping":
                await websocket.send_json({"type": "pong"})
            elif kind == "cursor":
                await presence.broadcast(
                    document_id,
                    {"type": "cursor", "user_id": user.user_id, "page": message.get("page"), "y": message.get("y")},
                    exclude=websocket,
                )
            elif kind == "comment":
                text_body = str(message.get("text", ""))[:MAX_COMMENT_CHARS]
                await presence.broadcast(document_id, {"type": "comment", "user_id": user.user_id, "text": text_body})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        log.debug("review session closed", extra={"document_id": document_id, "user_id": user.user_id})
