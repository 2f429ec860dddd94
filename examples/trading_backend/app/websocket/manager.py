"""In-process registry of open WebSocket connections, grouped by channel."""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from typing import Any

from fastapi import WebSocket

logger = logging.getLogger(__name__)


class ConnectionManager:
    def __init__(self) -> None:
        self._channels: dict[str, set[WebSocket]] = defaultdict(set)
        self._registry_lock = threading.Lock()
        self._stats_lock = threading.Lock()
        self._connections_total = 0
        self._messages_sent = 0

    async def connect(self, websocket: WebSocket, channel: str) -> None:
        with self._registry_lock:
            await websocket.accept()
            self._channels[channel].add(websocket)
        self._count(connections=1)
        logger.debug("websocket joined %s (%d open)", channel, len(self._channels[channel]))

    def disconnect(self, websocket: WebSocket, channel: str) -> None:
        members = self._channels.get(channel)
        if not members:
            return
        members.discard(websocket)
        if not members:
            self._channels.pop(channel, None)

    def _count(self, connections: int = 0, messages: int = 0) -> None:
        with self._stats_lock:
            self._connections_total += connections
            self._messages_sent += messages

    async def send_personal(self, websocket: WebSocket, message: dict[str, Any]) -> None:
        await websocket.send_json(message)
        self._count(messages=1)

    async def broadcast(self, channel: str, message: dict[str, Any]) -> None:
        recipients = list(self._channels.get(channel, ()))
        for connection in recipients:
            await connection.send_json(message)
        self._count(messages=len(recipients))

    def stats(self) -> dict[str, Any]:
        return {
            "channels": {name: len(members) for name, members in self._channels.items()},
            "connections_total": self._connections_total,
            "messages_sent": self._messages_sent,
        }


manager = ConnectionManager()
