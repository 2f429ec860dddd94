from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..cache.pubsub import OVERVIEW_CHANNEL, subscribe

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/overview/{site_id}")
async def plant_overview_ws(websocket: WebSocket, site_id: int):
    await websocket.accept()
    redis_client = websocket.app.state.redis
    first = await websocket.app.state.overview.snapshot(site_id)
    await websocket.send_json(first)

    async def pump() -> None:
        async for message in subscribe(redis_client, OVERVIEW_CHANNEL):
            if message.get("site_id") == site_id:
                await websocket.send_json(message)

    pump_task = asyncio.create_task(pump())
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        log.debug("overview client for site %s left", site_id)
    finally:
        pump_task.cancel()
