"""Room fan-out: one send per watcher, each bounded by a timeout."""
import asyncio
from typing import Any

import httpx
from fastapi import WebSocket


class RoomHub:
    def __init__(self) -> None:
        self._rooms: dict[str, set[WebSocket]] = {}
        self._http = httpx.AsyncClient(timeout=5.0)

    def join(self, room: str, websocket: WebSocket) -> None:
        self._rooms.setdefault(room, set()).add(websocket)

    def leave(self, room: str, websocket: WebSocket) -> None:
        self._rooms.get(room, set()).discard(websocket)

    async def broadcast(self, room: str, event: dict[str, Any]) -> None:
        targets = list(self._rooms.get(room, ()))
        await asyncio.gather(*(self._deliver(ws, event) for ws in targets))

    async def _deliver(self, websocket: WebSocket, event: dict[str, Any]) -> None:
        try:
            await asyncio.wait_for(websocket.send_json(event), timeout=2.0)
        except Exception:
            self.leave(event["room"], websocket)

    async def notify_hooks(self, hooks: list[str], event: dict[str, Any]) -> None:
        await asyncio.gather(*(self._post(url, event) for url in hooks))  # expect: backpressure

    async def _post(self, url: str, event: dict[str, Any]) -> None:
        await asyncio.wait_for(self._http.post(url, json=event), timeout=2.0)
