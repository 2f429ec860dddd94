"""Live practitioner dashboard: pushes booking changes to the practitioner's open tab."""
from __future__ import annotations

import asyncio
from collections import defaultdict

from fastapi import WebSocket


class PractitionerDashboard:
    def __init__(self) -> None:
        self._sockets: dict[int, WebSocket] = {}
        self._pending: dict[int, list[dict]] = defaultdict(list)
        self._sockets_lock = asyncio.Lock()
        self._pending_lock = asyncio.Lock()

    async def attach(self, practitioner_id: int, websocket: WebSocket) -> None:
        async with self._sockets_lock:
            self._sockets[practitioner_id] = websocket
            await websocket.send_json({"type": "attached"})
            async with self._pending_lock:
                backlog = self._pending.pop(practitioner_id, [])
        for event in backlog:
            await websocket.send_json(event)

    async def publish_change(self, practitioner_id: int, event: dict) -> None:
        async with self._pending_lock, self._sockets_lock:
            websocket = self._sockets.get(practitioner_id)
            if websocket is None:
                self._pending[practitioner_id].append(event)
                return
        await websocket.send_json(event)

    async def clear(self) -> int:
        async with self._sockets_lock:
            count = len(self._sockets)
            self._sockets.clear()
        async with self._pending_lock:
            self._pending.clear()
        return count


dashboard = PractitionerDashboard()
