"""Open courier and dispatcher sockets of this process."""
from __future__ import annotations

from fastapi import WebSocket


class CourierSockets:
    def __init__(self) -> None:
        self._couriers: dict[int, WebSocket] = {}  # expect: horizontal-scaling-blocker

    def attach(self, courier_id: int, ws: WebSocket) -> None:
        self._couriers[courier_id] = ws

    def detach(self, courier_id: int) -> None:
        self._couriers.pop(courier_id, None)

    async def push(self, courier_id: int, message: dict) -> bool:
        ws = self._couriers.get(courier_id)
        if ws is None:
            return False
        await ws.send_json(message)
        return True


class DeskSockets:
    """Fed by the Redis channel every replica subscribes to: each sends to its own sockets."""

    def __init__(self) -> None:
        self._desks: dict[int, WebSocket] = {}

    def attach(self, desk_id: int, ws: WebSocket) -> None:
        self._desks[desk_id] = ws

    def detach(self, desk_id: int) -> None:
        self._desks.pop(desk_id, None)

    async def push(self, desk_id: int, message: dict) -> None:
        ws = self._desks.get(desk_id)
        if ws is not None:
            await ws.send_json(message)
