"""Open picker and zone-board sockets of this process."""
from __future__ import annotations

from fastapi import WebSocket


class PickerSockets:
    def __init__(self) -> None:
        self._pickers: dict[int, WebSocket] = {}  # expect: horizontal-scaling-blocker

    def attach(self, picker_id: int, ws: WebSocket) -> None:
        self._pickers[picker_id] = ws

    def detach(self, picker_id: int) -> None:
        self._pickers.pop(picker_id, None)

    async def push(self, picker_id: int, message: dict) -> None:
        ws = self._pickers.get(picker_id)
        if ws is not None:
            await ws.send_json(message)


class BoardSockets:
    """Fed by a stream every replica reads in full (`xread`): each sends to its own sockets."""

    def __init__(self) -> None:
        self._boards: dict[int, WebSocket] = {}

    def attach(self, zone_id: int, ws: WebSocket) -> None:
        self._boards[zone_id] = ws

    def detach(self, zone_id: int) -> None:
        self._boards.pop(zone_id, None)

    async def push(self, zone_id: int, message: dict) -> None:
        ws = self._boards.get(zone_id)
        if ws is not None:
            await ws.send_json(message)
