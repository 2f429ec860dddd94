from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

router = APIRouter()
log = logging.getLogger(__name__)

IDLE_TIMEOUT = 45.0


async def _pump(websocket: WebSocket, queue: asyncio.Queue) -> None:
    while True:
        event = await queue.get()
        await websocket.send_json(event)


@router.websocket("/ws/console")
async def console_socket(websocket: WebSocket, token: str = Query(default="")) -> None:
    container = websocket.app.state.container
    principal = container.auth.decode_token(token)
    if principal is None:
        await websocket.close(code=1008)
        return
    await websocket.accept()
    client_id, queue = container.console_hub.register(principal.username, principal.agency)
    sender = asyncio.create_task(_pump(websocket, queue))
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=IDLE_TIMEOUT)
            if message.get("type") == "ping":
                with contextlib.suppress(asyncio.QueueFull):
                    queue.put_nowait({"event": "pong"})
    except WebSocketDisconnect:
        log.info("console %s disconnected", principal.username)
    except asyncio.TimeoutError:
        log.info("console %s idle; closing", principal.username)
        await websocket.close(code=1001)
    finally:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
        container.console_hub.unregister(client_id)
