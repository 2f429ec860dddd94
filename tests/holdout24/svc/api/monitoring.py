"""Live monitoring websockets: study activity feed and site alert stream."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging

import jwt
from fastapi import APIRouter, Request, WebSocket, WebSocketDisconnect, status

from svc.api.deps import decode_token
from svc.services.monitoring import Viewer

log = logging.getLogger(__name__)
router = APIRouter()

HEARTBEAT_SECONDS = 20


async def _authenticate(ws: WebSocket) -> Viewer | None:
    token = ws.query_params.get("token") or ""
    try:
        return decode_token(token, ws.app.state.container.settings)
    except jwt.PyJWTError:
        return None


async def _heartbeat(ws: WebSocket) -> None:
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        await ws.send_json({"type": "ping"})


@router.get("/monitoring/viewers", tags=["ops"])
async def viewer_stats(request: Request) -> dict[int, int]:
    return await request.app.state.container.hub.publish_viewer_stats()


@router.websocket("/ws/studies/{study_id}/feed")
async def study_feed(ws: WebSocket, study_id: int) -> None:
    container = ws.app.state.container
    settings = container.settings
    viewer = await _authenticate(ws)
    if viewer is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    hub = container.hub
    await ws.accept()
    if not await hub.join_feed(study_id, ws):
        await ws.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    heartbeat = asyncio.create_task(_heartbeat(ws))
    try:
        while True:
            raw = await asyncio.wait_for(ws.receive_text(), timeout=settings.ws_idle_seconds)
            if len(raw) > settings.ws_max_message_bytes:
                await ws.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            message = json.loads(raw)
            if message.get("type") == "pong":
                continue
            log.debug("ignoring client message %s on study feed %s", message.get("type"), study_id)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    except json.JSONDecodeError:
        await ws.close(code=status.WS_1003_UNSUPPORTED_DATA)
    finally:
        heartbeat.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await heartbeat
        await hub.leave_feed(study_id, ws)


@router.websocket("/ws/sites/{site_id}/alerts")
async def site_alerts(ws: WebSocket, site_id: int) -> None:
    await ws.accept()
    hub = ws.app.state.container.hub
    outbox = await hub.register_alerts(site_id, ws)
    try:
        while True:
            event = await outbox.get()
            await ws.send_json(event)
    except WebSocketDisconnect:
        await hub.unregister_alerts(site_id, ws)
