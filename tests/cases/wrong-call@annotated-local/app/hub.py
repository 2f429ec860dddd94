"""Dashboard hub kept on app.state: one per process."""
from __future__ import annotations

from fastapi import WebSocket


class DashboardHub:
    def __init__(self) -> None:
        self._sockets: dict[int, WebSocket] = {}

    async def broadcast(self, user_id: int, payload: dict) -> None:
        socket = self._sockets.get(user_id)
        if socket is not None:
            await socket.send_json(payload)


class AuditedHub(DashboardHub):
    async def broadcast_audited(self, user_id: int, payload: dict) -> None:
        await self.broadcast(user_id, {**payload, "audited": True})
