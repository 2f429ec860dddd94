"""Who is connected to the arena right now."""
from __future__ import annotations

from fastapi import WebSocket


class ArenaHub:
    def __init__(self) -> None:
        self.connections: dict[str, WebSocket] = {}

    def disconnect(self, player_id: str) -> None:
        self.connections.pop(player_id, None)

    async def broadcast(self, message: dict) -> None:
        for socket in list(self.connections.values()):
            await socket.send_json(message)


hub = ArenaHub()
