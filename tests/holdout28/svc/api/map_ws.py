"""Websocket endpoints: the dispatcher live map and the device command channel."""
from __future__ import annotations

import asyncio
import json
import logging
import secrets

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect, status

from svc.config import settings
from svc.deps import get_hub
from svc.realtime import MapHub

router = APIRouter()
logger = logging.getLogger(__name__)


@router.websocket("/ws/map")
async def map_stream(websocket: WebSocket, hub: MapHub = Depends(get_hub)) -> None:
    await websocket.accept()
    client_id = uuid.uuid4().hex
    fleets = [int(f) for f in websocket.query_params.getlist("fleet")]
    if not await hub.register(client_id, websocket, fleets):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    while True:
        message = await websocket.receive_json()
        if message.get("type") == "subscribe":
            await hub.subscribe(client_id, [int(f) for f in message.get("fleets", [])])


@router.websocket("/ws/devices/{serial}")
async def device_channel(websocket: WebSocket, serial: str) -> None:
    redis = websocket.app.state.cache_redis
    token = websocket.headers.get("authorization", "").removeprefix("Bearer ")
    expected = await redis.get(f"device-ws-token:{serial}")
    if expected is None or not secrets.compare_digest(expected, token):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    session_key = f"device-online:{serial}"
    await redis.set(session_key, "1", ex=int(settings.ws_idle_timeout_s * 2))
    try:
        while True:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout_s)
            if len(raw) > settings.ws_max_message_bytes:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            ack = json.loads(raw)
            await redis.xadd(f"command-acks:{serial}", {"ack": json.dumps(ack)}, maxlen=1000, approximate=True)
            await redis.expire(session_key, int(settings.ws_idle_timeout_s * 2))
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.info("device %s channel closed", serial)
    except json.JSONDecodeError:
        await websocket.close(code=status.WS_1003_UNSUPPORTED_DATA)
    finally:
        await redis.delete(session_key)
