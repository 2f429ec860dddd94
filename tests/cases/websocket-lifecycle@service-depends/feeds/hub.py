"""Per-account activity feeds kept in memory on each replica."""
from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from fastapi import WebSocket


class ActivityFeed:
    def __init__(self) -> None:
        self._sockets: dict[UUID, set[WebSocket]] = defaultdict(set)

    def subscribe(self, account_id: UUID, ws: WebSocket) -> None:
        self._sockets[account_id].add(ws)

    def unsubscribe(self, account_id: UUID, ws: WebSocket) -> None:
        self._sockets[account_id].discard(ws)

    async def publish(self, account_id: UUID, event: dict[str, Any]) -> None:
        for ws in list(self._sockets.get(account_id, ())):
            await ws.send_json(event)
