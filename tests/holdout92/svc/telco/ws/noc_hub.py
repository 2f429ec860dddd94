from __future__ import annotations

import asyncio
import logging

from fastapi import WebSocket

logger = logging.getLogger(__name__)


class NocHub:
    """Fan-out of network events (cell outages, HLR alarms, signalling storms) to NOC dashboards."""

    def __init__(self) -> None:
        self._clients: set[WebSocket] = set()

    def register(self, websocket: WebSocket) -> None:
        self._clients.add(websocket)

    def unregister(self, websocket: WebSocket) -> None:
        self._clients.discard(websocket)

    @property
    def size(self) -> int:
        return len(self._clients)

    async def broadcast(self, event: dict) -> None:
        clients = list(self._clients)
        results = await asyncio.gather(
            *(asyncio.wait_for(ws.send_json(event), timeout=2) for ws in clients), return_exceptions=True
        )
        for ws, result in zip(clients, results):
            if isinstance(result, Exception):
                logger.info("dropping noc client after send failure: %s", result)
                self._clients.discard(ws)
