"""Live gate activity for the operations dashboard (staff only)."""
from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from ..config import get_settings
from ..utils.tokens import decode_staff_token

router = APIRouter()
log = logging.getLogger(__name__)

IDLE_TIMEOUT_S = 45
QUEUE_DEPTH = 200
OPS_CHANNEL = "gate-activity"


async def _pump(redis, queue: asyncio.Queue) -> None:
    pubsub = redis.pubsub(ignore_subscribe_messages=True)
    await pubsub.subscribe(OPS_CHANNEL)
    try:
        async for message in pubsub.listen():
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(message["data"])
    finally:
        await pubsub.unsubscribe(OPS_CHANNEL)
        await pubsub.aclose()


@router.websocket("/ws/ops/gates")
async def gate_activity(websocket: WebSocket, token: str) -> None:
    try:
        staff = decode_staff_token(token, get_settings().staff_token_secret)
    except ValueError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    log.info("ops dashboard connected", extra={"staff": staff})
    queue: asyncio.Queue[str] = asyncio.Queue(maxsize=QUEUE_DEPTH)
    pump = asyncio.create_task(_pump(websocket.app.state.pubsub_redis, queue))
    try:
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), timeout=IDLE_TIMEOUT_S)
            except asyncio.TimeoutError:
                await asyncio.wait_for(websocket.send_text('{"type":"heartbeat"}'), timeout=5)
                continue
            await asyncio.wait_for(websocket.send_text(item), timeout=5)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        log.info("ops dashboard disconnected", extra={"staff": staff})
    finally:
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pump
