from __future__ import annotations

import asyncio
import logging

from starlette.websockets import WebSocket

log = logging.getLogger(__name__)


class GateBoard:
    """Live lane board for the gate control room and the haulier kiosks."""

    def __init__(self, max_connections: int = 200) -> None:
        self._connections: set[WebSocket] = set()
        self._lock = asyncio.Lock()
        self._max_connections = max_connections

    async def join(self, websocket: WebSocket) -> bool:
        async with self._lock:
            if len(self._connections) >= self._max_connections:
                return False
            self._connections.add(websocket)
            return True

    async def leave(self, websocket: WebSocket) -> None:
        async with self._lock:
            self._connections.discard(websocket)

    async def broadcast(self, event: dict) -> None:
        async with self._lock:
            targets = list(self._connections)
        results = await asyncio.gather(
            *(asyncio.wait_for(ws.send_json(event), timeout=2.0) for ws in targets), return_exceptions=True
        )
        for ws, result in zip(targets, results):
            if isinstance(result, Exception):
                log.info("dropping gate board client after send failure: %s", result)
                await self.leave(ws)
