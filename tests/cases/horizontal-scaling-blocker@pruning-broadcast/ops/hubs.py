"""Dashboards fed over WebSockets."""
from __future__ import annotations

import asyncio

from fastapi import WebSocket


class AlarmHub:
    """Fed by an HTTP route and pruned as it sends: only this process's dashboards hear it."""

    def __init__(self) -> None:
        self._clients: set[WebSocket] = set()  # expect: horizontal-scaling-blocker

    def register(self, websocket: WebSocket) -> None:
        self._clients.add(websocket)

    def unregister(self, websocket: WebSocket) -> None:
        self._clients.discard(websocket)

    async def broadcast(self, event: dict) -> None:
        clients = list(self._clients)
        results = await asyncio.gather(*(ws.send_json(event) for ws in clients), return_exceptions=True)
        for ws, result in zip(clients, results):
            if isinstance(result, Exception):
                self._clients.discard(ws)


class GreetingHub:
    """Each socket registers itself and is greeted with the recent history: its own socket only."""

    def __init__(self) -> None:
        self._clients: set[WebSocket] = set()
        self._history: list[dict] = []

    async def join(self, websocket: WebSocket) -> None:
        self._clients.add(websocket)
        for event in list(self._history):
            await websocket.send_json(event)

    def leave(self, websocket: WebSocket) -> None:
        self._clients.discard(websocket)
