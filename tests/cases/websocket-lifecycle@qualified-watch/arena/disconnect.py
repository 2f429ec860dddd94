"""A task per send-only socket that drains its receive side, so a hang-up becomes visible."""
from __future__ import annotations

import asyncio

from fastapi import WebSocket


async def _drain(websocket: WebSocket) -> None:
    while True:
        message = await websocket.receive()
        if message.get("type") == "websocket.disconnect":
            return


def watch_disconnect(websocket: WebSocket) -> asyncio.Task[None]:
    """Completes once the client is gone; the caller cancels it when it finishes."""
    return asyncio.create_task(_drain(websocket))
