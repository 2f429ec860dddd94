"""Driver tablet websocket: manifest push, manual lifts, issue reports."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from datetime import datetime, timezone

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from ..services.auth import AuthError

logger = logging.getLogger(__name__)
router = APIRouter()

ISSUES_CHANNEL = "dispatch-issues"


async def _forward(pubsub, websocket: WebSocket) -> None:
    async for message in pubsub.listen():
        if message["type"] == "message":
            await websocket.send_text(message["data"])


async def _handle(container, truck_id: str, msg: dict) -> None:
    kind = msg.get("type")
    if kind == "manual_lift":
        await container.telemetry.handle({"type": "lift", "truck": truck_id, "rfid": msg["rfid"],
                                          "ts": msg.get("ts") or datetime.now(timezone.utc).isoformat()})
    elif kind == "issue":
        await container.redis.publish(ISSUES_CHANNEL, json.dumps({"truck_id": truck_id, **msg}))
    else:
        logger.debug("driver %s sent unknown message %r", truck_id, kind)


@router.websocket("/ws/driver/{truck_id}")
async def driver_tablet(websocket: WebSocket, truck_id: str, token: str = Query(default="")) -> None:
    container = websocket.app.state.container
    try:
        container.auth.verify_token(token)
    except AuthError:
        await websocket.close(code=1008)
        return
    await websocket.accept()
    today = datetime.now(timezone.utc).date()
    manifest = await container.route_cache.get_driver_manifest(truck_id, today)
    if manifest is not None:
        await websocket.send_json({"type": "manifest", **manifest})
    pubsub = container.redis.pubsub()
    await pubsub.subscribe(f"driver:{truck_id}")
    forward = asyncio.create_task(_forward(pubsub, websocket))
    try:
        while True:
            msg = await websocket.receive_json()
            await _handle(container, truck_id, msg)
    except WebSocketDisconnect:
        logger.info("driver tablet for %s disconnected", truck_id)
    finally:
        forward.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await forward
        await pubsub.unsubscribe(f"driver:{truck_id}")
        await pubsub.aclose()
