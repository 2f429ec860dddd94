"""Live matter activity: relays the matter's redis channel to the browser."""
from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from lexdesk.container import Container

log = logging.getLogger(__name__)

router = APIRouter()

PING_INTERVAL = 25.0


async def _relay(pubsub, queue: asyncio.Queue[str]) -> None:
    while True:
        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
        if message is not None and message["type"] == "message":
            await queue.put(message["data"])


@router.websocket("/ws/matters/{matter_id}/activity")
async def matter_activity(websocket: WebSocket, matter_id: int) -> None:
    container: Container = websocket.app.state.container
    await websocket.accept()
    history = await container.activity.recent(matter_id, limit=25)
    await websocket.send_json({"type": "history", "events": list(reversed(history))})

    queue: asyncio.Queue[str] = asyncio.Queue()
    pubsub = container.activity.pubsub()
    await pubsub.subscribe(container.activity.channel(matter_id))
    relay = asyncio.create_task(_relay(pubsub, queue), name=f"activity-relay-{matter_id}")
    try:
        while True:
            try:
                data = await asyncio.wait_for(queue.get(), timeout=PING_INTERVAL)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            await websocket.send_text(data)
    except WebSocketDisconnect:
        log.debug("activity socket for matter %s closed", matter_id)
    finally:
        relay.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await relay
        await pubsub.unsubscribe()
        await pubsub.aclose()
