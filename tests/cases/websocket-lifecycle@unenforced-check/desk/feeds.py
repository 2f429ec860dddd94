"""Per-connection outboxes for the live desk feeds."""
from __future__ import annotations

import asyncio
from typing import Any

from fastapi import WebSocket


class DeskFeed:
    def __init__(self) -> None:
        self._outboxes: dict[WebSocket, asyncio.Queue[dict[str, Any]]] = {}

    def register(self, ws: WebSocket) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)
        self._outboxes[ws] = queue
        return queue

    def unregister(self, ws: WebSocket) -> None:
        self._outboxes.pop(ws, None)

    async def pump(self, ws: WebSocket, queue: asyncio.Queue[dict[str, Any]]) -> None:
        while True:
            await ws.send_json(await queue.get())
