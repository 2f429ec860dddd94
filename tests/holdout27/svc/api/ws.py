"""Websocket endpoints for the adjuster UI."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Annotated, Any
from uuid import uuid4

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect, status

from svc.api.deps import SettingsDep, decode_principal, get_feed, get_hub
from svc.errors import RateLimitedError
from svc.realtime.hub import AdjusterFeed, ClaimStatusHub

logger = logging.getLogger(__name__)

router = APIRouter()

IDLE_TIMEOUT_SECONDS = 90
MAX_CLIENT_MESSAGE = 1024


@router.websocket("/ws/claims/{claim_id}")
async def claim_status_socket(websocket: WebSocket, claim_id: int, hub: Annotated[ClaimStatusHub, Depends(get_hub)]) -> None:
    await websocket.accept()
    await hub.subscribe(claim_id, websocket)
    while True:
        message = await websocket.receive_text()
        if message == "ping":
            await websocket.send_text("pong")


@router.websocket("/ws/regions/{region}")
async def region_intake_socket(websocket: WebSocket, region: str, hub: Annotated[ClaimStatusHub, Depends(get_hub)]) -> None:
    await websocket.accept()
    hub.watch_region(region, websocket)
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT_SECONDS)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        hub.unwatch_region(region, websocket)


async def _pump(websocket: WebSocket, queue: asyncio.Queue[dict[str, Any]]) -> None:
    while True:
        event = await queue.get()
        await websocket.send_json(event)


@router.websocket("/ws/adjusters/feed")
async def adjuster_feed_socket(
    websocket: WebSocket,
    settings: SettingsDep,
    feed: Annotated[AdjusterFeed, Depends(get_feed)],
) -> None:
    token = websocket.query_params.get("token")
    principal = decode_principal(token, settings) if token else None
    if principal is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    connection_id = uuid4().hex
    try:
        queue = feed.register(connection_id, principal.user_id)
    except RateLimitedError:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    sender = asyncio.create_task(_pump(websocket, queue))
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT_SECONDS)
            if len(message) > MAX_CLIENT_MESSAGE:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.debug("dashboard connection %s closed", connection_id)
    finally:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
        feed.unregister(connection_id)
