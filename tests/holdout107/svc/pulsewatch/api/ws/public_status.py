from __future__ import annotations

import json

import structlog
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from pulsewatch.db.redis import page_channel

log = structlog.get_logger(__name__)
router = APIRouter()

HEARTBEAT_S = 25.0


@router.websocket("/ws/status/{slug}")
async def public_status_socket(websocket: WebSocket, slug: str) -> None:
    pool = websocket.app.state.pool
    page_id = await pool.fetchval("SELECT id FROM status_pages WHERE slug = $1 AND is_public", slug)
    if page_id is None:
        await websocket.close(code=4404)
        return
    await websocket.accept()
    redis = websocket.app.state.redis
    pubsub = redis.pubsub()
    await pubsub.subscribe(page_channel(str(page_id)))
    try:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=HEARTBEAT_S)
            if message is None:
                await websocket.send_json({"type": "heartbeat"})
                continue
            await websocket.send_json(json.loads(message["data"]))
    except WebSocketDisconnect:
        log.debug("public_ws.disconnected", slug=slug)
