from __future__ import annotations

import logging
from collections import defaultdict

from starlette.websockets import WebSocket

log = logging.getLogger(__name__)


class ChatRooms:
    def __init__(self) -> None:
        self._rooms: dict[str, set[WebSocket]] = defaultdict(set)

    def join(self, room: str, ws: WebSocket) -> None:
        self._rooms[room].add(ws)

    def leave(self, room: str, ws: WebSocket) -> None:
        members = self._rooms.get(room)
        if members is None:
            return
        members.discard(ws)
        if not members:
            del self._rooms[room]

    def members(self, room: str) -> list[WebSocket]:
        return list(self._rooms.get(room, ()))

    async def broadcast(self, room: str, payload: dict) -> None:
        for ws in self.members(room):
            try:
                await ws.send_json(payload)
            except RuntimeError:
                self.leave(room, ws)
