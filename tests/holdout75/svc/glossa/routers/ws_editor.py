"""Collaborative editor socket: presence, segment locks and saves for one project locale."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from redis.asyncio.client import PubSub

from glossa.deps import authenticate_ws, ws_project
from glossa.errors import GlossaError
from glossa.services.editor import EditorService, Member, Room
from glossa.settings import get_settings

logger = logging.getLogger(__name__)

router = APIRouter()


async def _relay(pubsub: PubSub, queue: asyncio.Queue) -> None:
    """Redis channel -> this connection's outbound queue. A client that falls behind loses the oldest updates."""
    async for message in pubsub.listen():
        if message["type"] != "message":
            continue
        try:
            queue.put_nowait(message["data"])
        except asyncio.QueueFull:
            with contextlib.suppress(asyncio.QueueEmpty):
                queue.get_nowait()
            queue.put_nowait(message["data"])


async def _pump(websocket: WebSocket, queue: asyncio.Queue) -> None:
    while True:
        payload = await queue.get()
        await websocket.send_text(payload)


async def _handle(editor: EditorService, room: Room, member: Member, message: dict, websocket: WebSocket) -> None:
    kind = message.get("type")
    if kind == "ping":
        await websocket.send_json({"type": "pong"})
    elif kind == "claim":
        ok = await editor.claim_segment(room, member, int(message["segment"]))
        await websocket.send_json({"type": "claim", "segment": message["segment"], "ok": ok})
    elif kind == "release":
        await editor.release_segment(room, member, int(message["segment"]))
    elif kind == "save":
        version = await editor.save_segment(
            room, member, int(message["segment"]), str(message["text"]), str(message["source"]), int(message["version"])
        )
        await websocket.send_json({"type": "saved", "segment": message["segment"], "version": version})


@router.websocket("/ws/projects/{project_id}/editor/{locale}")
async def editor_socket(websocket: WebSocket, project_id: int, locale: str) -> None:
    editor: EditorService = websocket.app.state.editor
    settings = get_settings()
    user = await authenticate_ws(websocket)
    if user is None or await ws_project(websocket, user, project_id) is None:
        await websocket.close(code=4403)
        return
    if not editor.has_capacity(project_id):
        await websocket.close(code=4429)
        return
    await websocket.accept()

    room = editor.room(project_id, locale)
    member = Member(conn_id=uuid.uuid4().hex, user_id=user.id, display_name=user.display_name, queue=asyncio.Queue(maxsize=256))
    pubsub = websocket.app.state.redis.pubsub()
    await pubsub.subscribe(editor.channel_for(room))
    relay = asyncio.create_task(_relay(pubsub, member.queue), name=f"relay-{member.conn_id}")
    sender = asyncio.create_task(_pump(websocket, member.queue), name=f"pump-{member.conn_id}")
    await editor.join(room, member)
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_seconds)
            try:
                await _handle(editor, room, member, message, websocket)
            except GlossaError as exc:
                await websocket.send_json({"type": "error", "code": exc.code, "message": exc.message})
    except WebSocketDisconnect:
        pass
    except asyncio.TimeoutError:
        await websocket.close(code=4408)
    finally:
        relay.cancel()
        sender.cancel()
        await asyncio.gather(relay, sender, return_exceptions=True)
        await pubsub.unsubscribe()
        await pubsub.aclose()
        await editor.leave(room, member.conn_id)
