from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from starlette.websockets import WebSocket


@dataclass
class ClientInfo:
    user: str
    vessel_filter: set[int] = field(default_factory=set)

    def wants(self, message: dict) -> bool:
        vessel_id = message.get("vessel_id")
        return not self.vessel_filter or vessel_id is None or vessel_id in self.vessel_filter


class ConnectionRegistry:
    """Fleet-map sockets connected to this replica."""

    def __init__(self, max_connections: int = 500) -> None:
        self.lock = asyncio.Lock()
        self._conns: dict[WebSocket, ClientInfo] = {}
        self._max = max_connections

    async def add(self, ws: WebSocket, info: ClientInfo) -> bool:
        async with self.lock:
            if len(self._conns) >= self._max:
                return False
            self._conns[ws] = info
            return True

    async def drop(self, ws: WebSocket) -> None:
        async with self.lock:
            self._conns.pop(ws, None)

    def items(self) -> list[tuple[WebSocket, ClientInfo]]:
        return list(self._conns.items())

    def __len__(self) -> int:
        return len(self._conns)
