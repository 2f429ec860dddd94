"""Alert hub: one outbox per connected socket."""
import asyncio
from collections import defaultdict
from typing import Any

from fastapi import WebSocket


class AlertHub:
    def __init__(self) -> None:
        self._alerts: dict[int, dict[WebSocket, asyncio.Queue[dict[str, Any]]]] = defaultdict(dict)
        self._lock = asyncio.Lock()

    async def register(self, site_id: int, ws: WebSocket) -> asyncio.Queue[dict[str, Any]]:
        outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)
        async with self._lock:
            self._alerts[site_id][ws] = outbox
        return outbox

    def unregister(self, site_id: int, ws: WebSocket) -> None:
        self._alerts.get(site_id, {}).pop(ws, None)

    async def attach(self, site_id: int, ws: WebSocket) -> asyncio.Queue[dict[str, Any]]:
        """Registers and watches the socket: a reader task notices the disconnect."""
        outbox = await self.register(site_id, ws)
        asyncio.create_task(self._watch(site_id, ws))
        return outbox

    async def _watch(self, site_id: int, ws: WebSocket) -> None:
        try:
            async for _ in ws.iter_text():
                pass
        finally:
            self.unregister(site_id, ws)

    def publish(self, site_id: int, event: dict[str, Any]) -> None:
        for outbox in self._alerts.get(site_id, {}).values():
            if not outbox.full():
                outbox.put_nowait(event)
