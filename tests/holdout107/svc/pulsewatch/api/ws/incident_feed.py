from __future__ import annotations

import asyncio
import json

import structlog
from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from pulsewatch.db.redis import live_channel

log = structlog.get_logger(__name__)
router = APIRouter()

MAX_CLIENT_MESSAGE = 1024


@router.websocket("/ws/incidents")
async def incident_feed_socket(websocket: WebSocket, org_id: str = Query(...)) -> None:
    await websocket.accept()
    redis = websocket.app.state.redis
    pubsub = redis.pubsub()
    await pubsub.subscribe(live_channel(org_id))

    async def pump() -> None:
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            event = json.loads(message["data"])
            if event.get("type") == "incident":
                await websocket.send_json(event["incident"])

    pump_task = asyncio.create_task(pump())
    try:
        while True:
            text = await websocket.receive_text()
            if len(text) > MAX_CLIENT_MESSAGE:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
    except WebSocketDisconnect:
        pass
    finally:
        pump_task.cancel()
        await pubsub.unsubscribe()
        await pubsub.aclose()
