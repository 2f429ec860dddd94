"""Borrower-facing status feed for the borrower portal."""
from __future__ import annotations

import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..cache import get_redis
from ..cache.pubsub import BORROWER_CHANNEL_PREFIX, iter_channel

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/borrower/{application_id}")
async def borrower_status_ws(websocket: WebSocket, application_id: int) -> None:
    await websocket.accept()
    channel = f"{BORROWER_CHANNEL_PREFIX}{application_id}"
    try:
        async for event in iter_channel(get_redis(), channel):
            try:
                await websocket.send_json({"application_id": application_id, **event})
            except:
                break
    except WebSocketDisconnect:
        log.info("borrower ws disconnected for application %s", application_id)
