from __future__ import annotations

import asyncio
from collections import defaultdict

import structlog
from fastapi import WebSocket

log = structlog.get_logger(__name__)

SEND_TIMEOUT = 2.0


class KioskHub:
    """Fans clock punches out to the supervisor screens of a company."""

    def __init__(self) -> None:
        self.rooms: dict[int, set[WebSocket]] = defaultdict(set)

    def join(self, company_id: int, ws: WebSocket) -> None:
        self.rooms[company_id].add(ws)

    def leave(self, company_id: int, ws: WebSocket) -> None:
        room = self.rooms.get(company_id)
        if room is not None:
            room.discard(ws)
            if not room:
                self.rooms.pop(company_id, None)

    async def broadcast(self, company_id: int, message: dict) -> None:
        sockets = list(self.rooms.get(company_id, ()))
        if not sockets:
            return
        results = await asyncio.gather(
            *(asyncio.wait_for(ws.send_json(message), SEND_TIMEOUT) for ws in sockets),
            return_exceptions=True,
        )
        for ws, result in zip(sockets, results):
            if isinstance(result, Exception):
                log.info("kiosk_feed_send_failed", company_id=company_id, error=str(result))
                self.leave(company_id, ws)


kiosk_hub = KioskHub()


class LocalFanout:
    """Per-process socket registry; cross-replica delivery goes through redis pub/sub."""

    def __init__(self) -> None:
        self._sockets: dict[int, set[WebSocket]] = defaultdict(set)
        self._lock = asyncio.Lock()

    async def add(self, company_id: int, ws: WebSocket) -> None:
        async with self._lock:
            self._sockets[company_id].add(ws)

    async def remove(self, company_id: int, ws: WebSocket) -> None:
        async with self._lock:
            self._sockets[company_id].discard(ws)
            if not self._sockets[company_id]:
                del self._sockets[company_id]

    async def deliver(self, company_id: int, text: str) -> None:
        async with self._lock:
            sockets = list(self._sockets.get(company_id, ()))
        results = await asyncio.gather(
            *(asyncio.wait_for(ws.send_text(text), SEND_TIMEOUT) for ws in sockets),
            return_exceptions=True,
        )
        for ws, result in zip(sockets, results):
            if isinstance(result, Exception):
                log.info("progress_send_failed", company_id=company_id, error=repr(result))
                await self.remove(company_id, ws)


progress_fanout = LocalFanout()
