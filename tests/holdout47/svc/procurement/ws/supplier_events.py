from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from procurement.redis_client import get_redis

log = logging.getLogger(__name__)

router = APIRouter()

IDLE_TIMEOUT = 60.0


@router.websocket("/ws/suppliers/{supplier_id}/events")
async def supplier_events(websocket: WebSocket, supplier_id: int) -> None:
    await websocket.accept()
    outbound: asyncio.Queue[dict] = asyncio.Queue(maxsize=100)
    pubsub = get_redis().pubsub()
    await pubsub.subscribe(f"supplier:{supplier_id}:events")

    async def pump() -> None:
        async for item in pubsub.listen():
            if item.get("type") != "message":
                continue
            try:
                outbound.put_nowait(json.loads(item["data"]))
            except asyncio.QueueFull:
                log.warning("supplier %s event queue full, dropping event", supplier_id)

    async def drain() -> None:
        while True:
            await websocket.send_json(await outbound.get())

    pump_task = asyncio.create_task(pump())
    drain_task = asyncio.create_task(drain())
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        pump_task.cancel()
        drain_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(pump_task, drain_task)
        await pubsub.unsubscribe(f"supplier:{supplier_id}:events")
        await pubsub.aclose()
