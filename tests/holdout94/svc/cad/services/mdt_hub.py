from __future__ import annotations

import logging
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

log = logging.getLogger(__name__)


class MdtHub:
    """Open mobile data terminal sockets, keyed by unit id."""

    def __init__(self) -> None:
        self._sockets: dict[int, WebSocket] = {}

    def attach(self, unit_id: int, websocket: WebSocket) -> None:
        previous = self._sockets.get(unit_id)
        if previous is not None and previous is not websocket:
            log.info("unit %s reconnected; replacing previous MDT session", unit_id)
        self._sockets[unit_id] = websocket

    def detach(self, unit_id: int, websocket: WebSocket) -> None:
        if self._sockets.get(unit_id) is websocket:
            del self._sockets[unit_id]

    def connected(self, unit_id: int) -> bool:
        return unit_id in self._sockets

    async def send_to_unit(self, unit_id: int, message: dict[str, Any]) -> bool:
        websocket = self._sockets.get(unit_id)
        if websocket is None:
            return False
        try:
            await websocket.send_json(message)
        except (WebSocketDisconnect, RuntimeError):
            self.detach(unit_id, websocket)
            return False
        return True

    async def broadcast(self, message: dict[str, Any]) -> int:
        sent = 0
        for unit_id, sock in self._sockets.items():
            await sock.send_json(message)
            sent += 1
        return sent
