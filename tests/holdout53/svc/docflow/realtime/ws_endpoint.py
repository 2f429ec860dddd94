from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from docflow.auth import decode_token
from docflow.config import get_settings
from docflow.db.engine import sessionmaker
from docflow.errors import Conflict, DocflowError
from docflow.observability import WS_CONNECTIONS
from docflow.realtime import presence
from docflow.realtime.hub import Connection, hub
from docflow.realtime.ot import dedupe_client_ops
from docflow.services.document_service import DocumentService
from docflow.services.snapshot_service import SnapshotService
from docflow.utils.ratelimit import ws_connect_limiter

log = logging.getLogger(__name__)
router = APIRouter()

MAX_OPS_PER_MESSAGE = 500


async def _authenticate(ws: WebSocket):
    token = ws.query_params.get("token", "")
    try:
        return decode_token(token)
    except Exception:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return None


@router.websocket("/ws/docs/{document_id}")
async def document_socket(ws: WebSocket, document_id: uuid.UUID) -> None:
    principal = await _authenticate(ws)
    if principal is None:
        return
    if not ws_connect_limiter(str(principal.user_id)):
        await ws.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await ws.accept()
    settings = get_settings()
    room = str(document_id)
    conn = Connection(ws=ws, user_id=str(principal.user_id), client_id=uuid.uuid4().hex)

    async with sessionmaker()() as session:
        version, content = await SnapshotService(session).current_content(document_id)
    await ws.send_json({"type": "init", "version": version, "content": content})

    hub.join(room, conn)
    WS_CONNECTIONS.inc()
    pump = asyncio.create_task(conn.pump())
    seen: list[str] = []
    try:
        while True:
            raw = await asyncio.wait_for(ws.receive_text(), timeout=settings.ws_idle_seconds)
            message = json.loads(raw)
            if message.get("type") == "ping":
                await presence.touch(room, conn.user_id, conn.client_id, message.get("meta", {}))
                continue
            if message.get("type") != "ops":
                continue
            ops = dedupe_client_ops(message["ops"][:MAX_OPS_PER_MESSAGE], seen)
            async with sessionmaker()() as session:
                try:
                    new_version, applied = await DocumentService(session).apply(
                        document_id, message["base"], principal.user_id, conn.client_id, ops
                    )
                except Conflict as exc:
                    await ws.send_json({"type": "resync", "reason": exc.message})
                    continue
            await presence.bump_edit_streak(room, conn.user_id)
            await hub.publish(room, {"type": "ops", "version": new_version, "ops": applied, "from": conn.client_id})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    except DocflowError as exc:
        log.warning("closing socket for %s: %s", document_id, exc.message)
        await ws.close(code=status.WS_1011_INTERNAL_ERROR)
    finally:
        conn.closed = True
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pump
        hub.leave(room, conn)
        WS_CONNECTIONS.dec()
        await presence.leave(room, conn.user_id, conn.client_id)


@router.websocket("/ws/cursors/{document_id}")
async def cursor_socket(ws: WebSocket, document_id: str) -> None:
    await ws.accept()
    presence.register(document_id, ws)
    while True:
        payload = await ws.receive_json()
        await presence.broadcast_cursor(document_id, ws, payload)
