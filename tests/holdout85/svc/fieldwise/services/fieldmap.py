"""Live field-map fan-out: readings and tractor positions pushed to open map views."""
from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from starlette.websockets import WebSocket, WebSocketState

from fieldwise.logging_setup import get_logger

log = get_logger(__name__)


class FieldMapHub:
    def __init__(self) -> None:
        self._subscribers: dict[int, set[WebSocket]] = defaultdict(set)

    def subscribe(self, field_id: int, ws: WebSocket) -> None:
        self._subscribers[field_id].add(ws)

    def unsubscribe(self, field_id: int, ws: WebSocket) -> None:
        sockets = self._subscribers.get(field_id)
        if sockets is None:
            return
        sockets.discard(ws)
        if not sockets:
            del self._subscribers[field_id]

    def connection_count(self) -> int:
        return sum(len(s) for s in self._subscribers.values())

    def publish(self, field_id: int, event: dict[str, Any]) -> None:
        for ws in list(self._subscribers.get(field_id, ())):
            asyncio.create_task(self._send(field_id, ws, event))

    async def _send(self, field_id: int, ws: WebSocket, event: dict[str, Any]) -> None:
        if ws.application_state is not WebSocketState.CONNECTED:
            self.unsubscribe(field_id, ws)
            return
        try:
            await asyncio.wait_for(ws.send_json(event), timeout=2.0)
        except Exception as exc:
            log.info("fieldmap.drop_subscriber", field_id=field_id, error=repr(exc))
            self.unsubscribe(field_id, ws)
