"""Spectator feed: match events relayed from game servers."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from svc.errors import AuthError
from svc.security import decode_token

try:
    import orjson
except ImportError:
    orjson = None

logger = logging.getLogger(__name__)

router = APIRouter()

OUTBOX_SIZE = 64
KEEPALIVE_SECONDS = 20.0


async def _send(websocket: WebSocket, event: dict[str, Any]) -> None:
    if orjson is not None:
        await websocket.send_bytes(orjson.dumps(event))
    else:
        await websocket.send_json(event)


@router.websocket("/ws/spectate/{match_id}")
async def spectate_socket(websocket: WebSocket, match_id: int, token: str = Query(...)) -> None:
    try:
        decode_token(token, websocket.app.state.settings)
    except AuthError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    feed = websocket.app.state.spectators
    outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=OUTBOX_SIZE)
    feed.add(match_id, outbox)
    try:
        while True:
            try:
                event = await asyncio.wait_for(outbox.get(), timeout=KEEPALIVE_SECONDS)
            except asyncio.TimeoutError:
                event = {"type": "keepalive"}
            await _send(websocket, event)
            if event.get("type") == "match_ended":
                await websocket.close()
                feed.remove(match_id, outbox)
                return
    except WebSocketDisconnect:
        feed.remove(match_id, outbox)
