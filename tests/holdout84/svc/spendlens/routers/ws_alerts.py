from __future__ import annotations

import contextlib
import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from redis.exceptions import RedisError

router = APIRouter()

ALERT_CHANNEL = "alerts:live:{tenant_id}"


@router.websocket("/ws/alerts/{tenant_id}")
async def alert_stream(websocket: WebSocket, tenant_id: int) -> None:
    await websocket.accept()
    redis = websocket.app.state.redis
    pubsub = redis.pubsub()
    await pubsub.subscribe(ALERT_CHANNEL.format(tenant_id=tenant_id))
    try:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=15.0)
            if message is None:
                await websocket.send_json({"type": "ping"})
                continue
            await websocket.send_json({"type": "alert", "alert": json.loads(message["data"])})
    except WebSocketDisconnect:
        pass
    finally:
        with contextlib.suppress(RedisError):
            await pubsub.unsubscribe()
            await pubsub.aclose()
