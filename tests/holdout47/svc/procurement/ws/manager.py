from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from fastapi import WebSocket

from procurement.config import get_settings

log = logging.getLogger(__name__)


class BidBoard:
    """Live bid board: buyers watching an RFQ receive every new bid and the award."""

    def __init__(self) -> None:
        self.rooms: dict[int, set[WebSocket]] = defaultdict(set)
        self.connections = 0

    def at_capacity(self) -> bool:
        return self.connections >= get_settings().bid_board_max_connections

    def join(self, rfq_id: int, websocket: WebSocket) -> None:
        self.rooms[rfq_id].add(websocket)
        self.connections += 1

    def leave(self, rfq_id: int, websocket: WebSocket) -> None:
        room = self.rooms.get(rfq_id)
        if room is None or websocket not in room:
            return
        room.discard(websocket)
        self.connections -= 1
        if not room:
            del self.rooms[rfq_id]

    async def broadcast(self, rfq_id: int, message: dict[str, Any]) -> None:
        dead: list[WebSocket] = []
        for websocket in list(self.rooms.get(rfq_id, ())):
            try:
                await websocket.send_json(message)
            except RuntimeError:
                dead.append(websocket)
        for websocket in dead:
            self.leave(rfq_id, websocket)


board = BidBoard()
