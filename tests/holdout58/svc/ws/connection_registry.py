"""Technician websocket connections held by this process."""
from __future__ import annotations

import asyncio
from collections import Counter, defaultdict

from starlette.websockets import WebSocket


class ConnectionRegistry:
    def __init__(self, max_per_site: int) -> None:
        self._max_per_site = max_per_site
        self._by_technician: dict[str, set[WebSocket]] = defaultdict(set)
        self._per_site: Counter[str] = Counter()
        self._lock = asyncio.Lock()

    async def add(self, technician_id: str, site_id: str, websocket: WebSocket) -> bool:
        async with self._lock:
            if self._per_site[site_id] >= self._max_per_site:
                return False
            self._per_site[site_id] += 1
            self._by_technician[technician_id].add(websocket)
            return True

    async def remove(self, technician_id: str, site_id: str, websocket: WebSocket) -> None:
        async with self._lock:
            sockets = self._by_technician.get(technician_id)
            if sockets is not None:
                sockets.discard(websocket)
                if not sockets:
                    del self._by_technician[technician_id]
            self._per_site[site_id] -= 1
            if self._per_site[site_id] <= 0:
                del self._per_site[site_id]

    def for_technician(self, technician_id: str) -> list[WebSocket]:
        return list(self._by_technician.get(technician_id, ()))

    def count(self) -> int:
        return sum(self._per_site.values())
