"""Lobby websocket connections and the locks shared by party/lobby operations."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

logger = logging.getLogger(__name__)


class CoordinationLocks:
    """Process-wide locks for operations that touch both parties and lobbies."""

    def __init__(self) -> None:
        self.parties = asyncio.Lock()
        self.lobbies = asyncio.Lock()


class LobbyConnections:
    def __init__(self, max_per_lobby: int) -> None:
        self._max = max_per_lobby
        self._rooms: dict[str, set[WebSocket]] = defaultdict(set)
        self._lock = asyncio.Lock()

    async def connect(self, lobby_id: str, websocket: WebSocket) -> bool:
        async with self._lock:
            if len(self._rooms[lobby_id]) >= self._max:
                return False
            self._rooms[lobby_id].add(websocket)
        return True

    def disconnect(self, lobby_id: str, websocket: WebSocket) -> None:
        members = self._rooms.get(lobby_id)
        if members is None:
            return
        members.discard(websocket)
        if not members:
            self._rooms.pop(lobby_id, None)

    def count(self, lobby_id: str) -> int:
        return len(self._rooms.get(lobby_id, ()))

    async def broadcast(self, lobby_id: str, message: dict[str, Any]) -> None:
        members = list(self._rooms.get(lobby_id, ()))
        for websocket in members:
            try:
                await websocket.send_json(message)
            except (WebSocketDisconnect, RuntimeError):
                logger.info("dropping dead lobby socket in %s", lobby_id)
                self.disconnect(lobby_id, websocket)

    async def close_all(self) -> None:
        for lobby_id, members in list(self._rooms.items()):
            for websocket in list(members):
                try:
                    await websocket.close(code=1001)
                except RuntimeError:
                    pass
            self._rooms.pop(lobby_id, None)
