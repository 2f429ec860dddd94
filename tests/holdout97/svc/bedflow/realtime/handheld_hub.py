from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from fastapi import WebSocket

logger = logging.getLogger(__name__)


@dataclass(eq=False)
class HandheldConnection:
    websocket: WebSocket
    housekeeper_id: str
    outbox: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=100))

    def offer(self, message: dict[str, Any]) -> None:
        if self.outbox.full():
            dropped = self.outbox.get_nowait()
            logger.warning("handheld %s outbox full, dropping %s", self.housekeeper_id, dropped.get("type"))
        self.outbox.put_nowait(message)


class HandheldHub:
    def __init__(self) -> None:
        self._devices: dict[str, HandheldConnection] = {}

    def register(self, conn: HandheldConnection) -> None:
        previous = self._devices.get(conn.housekeeper_id)
        if previous is not None:
            previous.offer({"type": "superseded"})
        self._devices[conn.housekeeper_id] = conn

    def unregister(self, conn: HandheldConnection) -> None:
        if self._devices.get(conn.housekeeper_id) is conn:
            del self._devices[conn.housekeeper_id]

    def is_connected(self, housekeeper_id: str) -> bool:
        return housekeeper_id in self._devices

    def dispatch_to(self, housekeeper_id: str, message: dict[str, Any]) -> bool:
        conn = self._devices.get(housekeeper_id)
        if conn is None:
            return False
        conn.offer(message)
        return True

    async def writer(self, conn: HandheldConnection) -> None:
        while True:
            message = await conn.outbox.get()
            await conn.websocket.send_json(message)
