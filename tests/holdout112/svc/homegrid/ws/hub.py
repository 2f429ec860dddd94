from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import TYPE_CHECKING
from uuid import UUID

import structlog
from starlette.websockets import WebSocket

from homegrid.errors import Unauthorized
from homegrid.models import Principal

if TYPE_CHECKING:
    from homegrid.container import Container

log = structlog.get_logger(__name__)


class ConnectionHub:
    """Sockets connected to this process, grouped by household.

    Messages reach a household's sockets through redis pub/sub, so every replica
    only needs to know about its own connections.
    """

    def __init__(self) -> None:
        self._rooms: dict[UUID, set[WebSocket]] = defaultdict(set)
        self._lock = asyncio.Lock()

    async def register(self, household_id: UUID, ws: WebSocket) -> None:
        async with self._lock:
            self._rooms[household_id].add(ws)

    async def unregister(self, household_id: UUID, ws: WebSocket) -> None:
        async with self._lock:
            room = self._rooms.get(household_id)
            if room is None:
                return
            room.discard(ws)
            if not room:
                del self._rooms[household_id]

    async def send_local(self, household_id: UUID, text: str) -> None:
        async with self._lock:
            targets = list(self._rooms.get(household_id, ()))

        async def _send(ws: WebSocket) -> None:
            try:
                await asyncio.wait_for(ws.send_text(text), timeout=2.0)
            except Exception:
                log.info("ws_send_failed", household_id=str(household_id))

        await asyncio.gather(*(_send(ws) for ws in targets))

    def connection_count(self) -> int:
        return sum(len(r) for r in self._rooms.values())


hub = ConnectionHub()


POLICY_VIOLATION = 1008


async def authenticate_socket(websocket: WebSocket, container: "Container", household_id: UUID) -> Principal | None:
    token = websocket.query_params.get("token") or websocket.headers.get("sec-websocket-protocol")
    if not token:
        return None
    try:
        principal = container.auth.decode(token)
    except Unauthorized:
        return None
    if principal.role != "admin" and principal.household_id != household_id:
        return None
    return principal
