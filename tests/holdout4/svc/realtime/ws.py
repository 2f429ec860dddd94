from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.config import settings
from svc.container import Container
from svc.errors import Forbidden
from svc.realtime.hub import Connection
from svc.services.auth import decode_token
from svc.services.presence import presence

log = logging.getLogger(__name__)
router = APIRouter()

_connections_per_user: dict[int, int] = defaultdict(int)
_typing_sockets: dict[int, set[WebSocket]] = defaultdict(set)


def _container(websocket: WebSocket) -> Container:
    return websocket.app.state.container


async def _authenticate(websocket: WebSocket) -> tuple[int, int] | None:
    token = websocket.query_params.get("token") or websocket.headers.get("sec-websocket-protocol", "")
    try:
        claims = decode_token(token)
    except Forbidden:
        return None
    if "ws" not in claims:
        return None
    return int(claims["sub"]), int(claims["ws"])


@router.websocket("/ws/channels/{channel_id}")
async def channel_socket(websocket: WebSocket, channel_id: int) -> None:
    identity = await _authenticate(websocket)
    if identity is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    user_id, workspace_id = identity
    if _connections_per_user[user_id] >= settings.ws_max_per_user:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    container = _container(websocket)
    conn = Connection(websocket, user_id, workspace_id)
    _connections_per_user[user_id] += 1
    container.hub.register(channel_id, conn)
    presence.connected(workspace_id, user_id)
    writer = asyncio.create_task(conn.writer(), name=f"ws-writer-{user_id}")
    try:
        while True:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            if len(raw) > settings.ws_max_frame:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            await _handle_frame(container, channel_id, user_id, json.loads(raw))
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    except json.JSONDecodeError:
        await websocket.close(code=status.WS_1003_UNSUPPORTED_DATA)
    finally:
        writer.cancel()
        container.hub.unregister(channel_id, conn)
        presence.disconnected(workspace_id, user_id)
        _connections_per_user[user_id] -= 1
        if _connections_per_user[user_id] <= 0:
            _connections_per_user.pop(user_id, None)


async def _handle_frame(container: Container, channel_id: int, user_id: int, frame: dict[str, Any]) -> None:
    kind = frame.get("type")
    if kind == "ping":
        return
    if kind == "message":
        row = await container.store.insert(channel_id, user_id, str(frame["body"])[:4000], frame.get("parent_id"))
        await container.hub.publish(channel_id, {"type": "message", "message": _wire(row)})
    elif kind == "sync":
        for item in frame.get("messages", [])[:200]:
            row = await container.store.insert(channel_id, user_id, str(item["body"])[:4000], item.get("parent_id"))
            await container.hub.publish(channel_id, {"type": "message", "message": _wire(row)})
    elif kind == "read":
        await container.store.mark_read(channel_id, user_id, int(frame["message_id"]))


def _wire(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "created_at": row["created_at"].isoformat()}


@router.websocket("/ws/typing/{channel_id}")
async def typing_socket(websocket: WebSocket, channel_id: int) -> None:
    if await _authenticate(websocket) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    _typing_sockets[channel_id].add(websocket)
    try:
        while True:
            payload = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_timeout)
            for peer in list(_typing_sockets[channel_id]):
                if peer is not websocket:
                    await peer.send_json({"type": "typing", "user": payload.get("user")})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        log.debug("typing socket closed for channel %s", channel_id)


@router.websocket("/ws/notifications")
async def notifications_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    user_id = int(websocket.query_params["user_id"])
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    websocket.app.state.notification_queues[user_id] = queue
    while True:
        event = await queue.get()
        await websocket.send_json(event)
