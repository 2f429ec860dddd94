"""Lobby sockets: a fan-out that drops peers whose send fails."""
from __future__ import annotations

import asyncio
from typing import Any

from starlette.websockets import WebSocket


class Lobby:
    def __init__(self) -> None:
        self._peers: set[WebSocket] = set()

    async def announce(self, payload: dict[str, Any]) -> None:
        gone = []
        for peer in list(self._peers):
            try:
                await asyncio.wait_for(peer.send_json(payload), timeout=2.0)
            except Exception:
                gone.append(peer)
        for peer in gone:
            self._peers.discard(peer)

    async def announce_all(self, payload: dict[str, Any]) -> None:
        for peer in list(self._peers):
            try:
                await peer.send_json(payload)
            except Exception:
                self._peers.discard(peer)

    async def announce_rendered(self, payload: dict[str, Any], render) -> None:
        gone = []
        for peer in list(self._peers):
            try:
                body = render(payload, peer)
                await peer.send_text(body)
            except Exception:  # expect: broad-except
                gone.append(peer)
        for peer in gone:
            self._peers.discard(peer)

    async def replay(self, history: list[dict[str, Any]], peer: WebSocket) -> None:
        for item in history:
            try:
                await peer.send_json(item)
            except Exception:  # expect: broad-except
                self._peers.discard(peer)
