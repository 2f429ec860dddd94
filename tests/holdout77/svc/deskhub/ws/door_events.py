from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from redis.asyncio import Redis

logger = logging.getLogger(__name__)

router = APIRouter()


async def _forward_stream(redis: Redis, websocket: WebSocket, location_id: int) -> None:
    stream = f"doors:{location_id}"
    last_id = "$"
    while True:
        entries = await redis.xread({stream: last_id}, block=4000, count=100)
        for _stream, messages in entries:
            for message_id, fields in messages:
                last_id = message_id
                await websocket.send_json({"id": message_id, **fields})


@router.websocket("/ws/admin/locations/{location_id}/doors")
async def door_event_stream(websocket: WebSocket, location_id: int) -> None:
    """Live door activity for the security dashboard."""
    await websocket.accept()
    forwarder = asyncio.create_task(_forward_stream(websocket.app.state.redis, websocket, location_id))
    try:
        while True:
            # the dashboard only sends keep-alives
            await websocket.receive_text()
    except WebSocketDisconnect:
        logger.debug("door dashboard for location %s closed", location_id)
