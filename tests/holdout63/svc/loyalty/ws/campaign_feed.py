"""Live campaign progress for the marketing dashboard."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from loyalty.utils.metrics import WS_CONNECTIONS

log = logging.getLogger(__name__)
router = APIRouter()

_pending: dict[WebSocket, asyncio.Queue[dict[str, Any]]] = {}


def queue_progress(event: dict[str, Any]) -> None:
    for queue in _pending.values():
        queue.put_nowait(event)


@router.websocket("/ws/campaigns/live")
async def campaign_live(websocket: WebSocket) -> None:
    await websocket.accept()
    _pending[websocket] = asyncio.Queue()
    WS_CONNECTIONS.labels("campaigns").inc()
    try:
        while True:
            event = await _pending[websocket].get()
            await websocket.send_json(event)
    except WebSocketDisconnect:
        log.info("campaign dashboard disconnected")
    finally:
        _pending.pop(websocket, None)
        WS_CONNECTIONS.labels("campaigns").dec()
