"""Live import progress over a websocket."""
from __future__ import annotations

import logging

from fastapi import WebSocket, WebSocketDisconnect
from websockets.exceptions import ConnectionClosed

log = logging.getLogger(__name__)

CLIENT_DISCONNECTS = (OSError, ConnectionClosed, WebSocketDisconnect)


async def progress_feed(websocket: WebSocket, tracker) -> None:
    await websocket.accept()
    try:
        async for update in tracker.updates():
            await websocket.send_json(update)
    except CLIENT_DISCONNECTS:
        return
    except Exception:
        log.exception("progress feed failed")
        await websocket.close(code=1011)
