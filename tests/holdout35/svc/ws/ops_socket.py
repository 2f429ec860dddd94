"""Operations dashboard feed: zone-level supply/demand every few seconds."""
from __future__ import annotations

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()


@router.websocket("/ws/ops")
async def ops_feed(websocket: WebSocket) -> None:
    await websocket.accept()
    redis = websocket.app.state.redis
    pubsub = redis.pubsub()
    await pubsub.subscribe("surge:updates")
    try:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5.0)
            if message is not None:
                await websocket.send_text(message["data"])
            await websocket.send_json({"type": "hub", **websocket.app.state.hub.stats()})
    except WebSocketDisconnect:
        pass
    finally:
        await pubsub.unsubscribe("surge:updates")
        await pubsub.aclose()
