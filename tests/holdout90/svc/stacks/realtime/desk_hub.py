"""Live feed for staff at circulation desks: checkouts, check-ins and transfers at their branch."""
from __future__ import annotations

import asyncio
import logging

from starlette.websockets import WebSocket

log = logging.getLogger(__name__)


class DeskHub:
    def __init__(self) -> None:
        self._desks: dict[int, set[WebSocket]] = {}
        self._lock = asyncio.Lock()

    async def join(self, branch_id: int, websocket: WebSocket) -> None:
        async with self._lock:
            self._desks.setdefault(branch_id, set()).add(websocket)

    async def leave(self, branch_id: int, websocket: WebSocket) -> None:
        async with self._lock:
            self._remove(branch_id, websocket)

    def _remove(self, branch_id: int, websocket: WebSocket) -> None:
        sockets = self._desks.get(branch_id)
        if sockets is not None:
            sockets.discard(websocket)
            if not sockets:
                del self._desks[branch_id]

    async def _drop(self, branch_id: int, websocket: WebSocket) -> None:
        async with self._lock:
            self._remove(branch_id, websocket)
        await websocket.close(code=1011)

    async def broadcast(self, branch_id: int, event: dict) -> None:
        async with self._lock:
            for websocket in list(self._desks.get(branch_id, ())):
                try:
                    await asyncio.wait_for(websocket.send_json(event), timeout=2)
                except (asyncio.TimeoutError, RuntimeError):
                    await self._drop(branch_id, websocket)

    def connected(self, branch_id: int) -> int:
        return len(self._desks.get(branch_id, ()))
