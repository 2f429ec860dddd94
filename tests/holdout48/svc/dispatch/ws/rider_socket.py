from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

logger = logging.getLogger(__name__)
router = APIRouter()


async def _forward(websocket: WebSocket, pubsub) -> None:
    async for message in pubsub.listen():
        if message["type"] == "message":
            await websocket.send_text(message["data"])


@router.websocket("/ws/rider/{rider_id}/trips/{trip_id}")
async def rider_trip_socket(websocket: WebSocket, rider_id: int, trip_id: int) -> None:
    redis = websocket.app.state.redis
    await websocket.accept()
    pubsub = redis.pubsub()
    await pubsub.subscribe(f"trip-events:{trip_id}")
    forwarder = asyncio.create_task(_forward(websocket, pubsub))
    try:
        while True:
            msg = await asyncio.wait_for(websocket.receive_text(), timeout=60)
            if msg == "ping":
                await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.debug("rider %s left trip %s stream", rider_id, trip_id)
    finally:
        forwarder.cancel()
        await pubsub.unsubscribe(f"trip-events:{trip_id}")
        await pubsub.aclose()
