from __future__ import annotations

import asyncio
import logging

from starlette.websockets import WebSocket, WebSocketDisconnect

from glide.api.deps import claims, container
from glide.errors import GlideError

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 4096


async def crew_channel(websocket: WebSocket) -> None:
    """Pushes newly opened swap tasks in the crew's zone."""
    c = container(websocket)
    try:
        crew = await claims(websocket, "crew")
    except GlideError:
        await websocket.close(code=4401)
        return
    zone_id = int(websocket.query_params["zone_id"])
    await websocket.accept()
    pubsub = c.redis.pubsub()
    await pubsub.subscribe(f"swaps:zone:{zone_id}")
    try:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is not None:
                await websocket.send_text(message["data"])
            try:
                incoming = await asyncio.wait_for(websocket.receive_text(), timeout=0.05)
            except asyncio.TimeoutError:
                continue
            if len(incoming) > MAX_MESSAGE_BYTES:
                await websocket.close(code=1009)
                return
            if incoming == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        log.info("crew %s disconnected", crew["sub"])
    finally:
        await pubsub.unsubscribe(f"swaps:zone:{zone_id}")
        await pubsub.aclose()
