"""Org-wide build events for the dashboard (build started/finished, job status changes)."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from svc.redis_client import BUILD_EVENTS_CHANNEL

router = APIRouter()
logger = logging.getLogger(__name__)

IDLE_PING_SECONDS = 25


@router.websocket("/ws/orgs/{org_id}/events")
async def org_events_socket(websocket: WebSocket, org_id: int) -> None:
    await websocket.accept()
    pubsub = websocket.app.state.redis_pubsub.pubsub()
    await pubsub.subscribe(BUILD_EVENTS_CHANNEL.format(org_id=org_id))
    try:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=IDLE_PING_SECONDS)
            if message is None:
                await asyncio.wait_for(websocket.send_json({"type": "ping"}), timeout=5)
                continue
            await asyncio.wait_for(websocket.send_text(message["data"]), timeout=5)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.debug("events socket for org %s closed", org_id)
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()
