"""Queue-status channel: players waiting in matchmaking get live updates here."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import WebSocket

logger = logging.getLogger(__name__)


class QueueStatusHub:
    def __init__(self) -> None:
        self.connections: dict[int, WebSocket] = {}

    def is_connected(self, player_id: int) -> bool:
        return player_id in self.connections

    async def send_to_player(self, player_id: int, message: dict[str, Any]) -> bool:
        websocket = self.connections.get(player_id)
        if websocket is None:
            return False
        await websocket.send_json(message)
        return True

    async def broadcast(self, message: dict[str, Any]) -> None:
        for player_id, socket in list(self.connections.items()):
            await socket.send_json(message)
            logger.debug("queue update sent to %s", player_id)
