from __future__ import annotations

import asyncio
import logging
from typing import Any

from starlette.websockets import WebSocket

log = logging.getLogger(__name__)


class AlarmConsoleHub:
    """Operators connected to the alarm console on this API instance."""

    def __init__(self) -> None:
        self._clients: set[WebSocket] = set()

    def add(self, ws: WebSocket) -> None:
        self._clients.add(ws)

    def remove(self, ws: WebSocket) -> None:
        self._clients.discard(ws)

    def __len__(self) -> int:
        return len(self._clients)

    async def broadcast(self, payload: dict[str, Any]) -> None:
        dead = []
        for ws in list(self._clients):
            try:
                await asyncio.wait_for(ws.send_json(payload), timeout=2.0)
            except Exception:
                dead.append(ws)
        for ws in dead:
            self._clients.discard(ws)
