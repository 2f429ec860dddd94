"""Operations desk: live screening-case feed for compliance analysts."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from starlette.websockets import WebSocket

log = logging.getLogger(__name__)

SEND_TIMEOUT = 5.0


class OpsDesk:
    def __init__(self) -> None:
        self._analysts: dict[str, WebSocket] = {}

    def register(self, analyst: str, websocket: WebSocket) -> None:
        self._analysts[analyst] = websocket

    def unregister(self, analyst: str) -> None:
        self._analysts.pop(analyst, None)

    def online(self) -> list[str]:
        return sorted(self._analysts)

    async def _send(self, analyst: str, websocket: WebSocket, message: dict[str, Any]) -> None:
        try:
            await asyncio.wait_for(websocket.send_json(message), timeout=SEND_TIMEOUT)
        except (asyncio.TimeoutError, RuntimeError, ConnectionError):
            log.info("dropping ops connection for %s", analyst)
            self.unregister(analyst)

    async def broadcast(self, message: dict[str, Any]) -> None:
        targets = list(self._analysts.items())
        await asyncio.gather(*(self._send(a, ws, message) for a, ws in targets))
