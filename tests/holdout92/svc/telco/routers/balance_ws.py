from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect, status

from telco.container import Container
from telco.deps import ws_container
from telco.ws.balance_feed import QUEUE_SIZE, forward, pump_balance_updates

logger = logging.getLogger(__name__)
router = APIRouter(tags=["selfcare"])


@router.websocket("/ws/balance")
async def balance_feed(websocket: WebSocket, token: str = "", container: Container = Depends(ws_container)) -> None:
    subscriber_id = await container.redis.get(f"session:{token}") if token else None
    if subscriber_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=QUEUE_SIZE)
    pump = asyncio.create_task(pump_balance_updates(container.redis, int(subscriber_id), queue))
    sender = asyncio.create_task(forward(websocket, queue))
    try:
        row = await container.balances.get(int(subscriber_id))
        await websocket.send_json({"type": "balance", "available_cents": row.available_cents})
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=90)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.debug("balance feed for %s closed", subscriber_id)
    finally:
        for task in (pump, sender):
            task.cancel()
        for task in (pump, sender):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


@router.websocket("/ws/usage")
async def usage_feed(websocket: WebSocket, token: str = "", container: Container = Depends(ws_container)) -> None:
    subscriber_id = await container.redis.get(f"session:{token}") if token else None
    if subscriber_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    pubsub = container.redis.pubsub()
    await pubsub.subscribe(f"usage:{subscriber_id}")
    try:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=25)
            if message is None:
                await websocket.send_json({"type": "ping"})
                continue
            await websocket.send_text(message["data"])
    except WebSocketDisconnect:
        return
