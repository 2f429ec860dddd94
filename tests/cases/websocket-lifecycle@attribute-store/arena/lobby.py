"""The lobby keeps one socket per waiting player; one lobby serves the whole process."""
from __future__ import annotations

from fastapi import WebSocket, WebSocketDisconnect


class LobbyServer:
    def __init__(self) -> None:
        self._sockets: dict[str, WebSocket] = {}

    async def serve(self, websocket: WebSocket, user_id: str) -> None:
        await websocket.accept()
        self._sockets[user_id] = websocket  # expect: websocket-lifecycle
        try:
            while True:
                ready = await websocket.receive_text()
                await websocket.send_json({"player": user_id, "ready": ready == "ready"})
        except WebSocketDisconnect:
            del self._sockets[user_id]

    async def serve_safely(self, websocket: WebSocket, user_id: str) -> None:
        await websocket.accept()
        self._sockets[user_id] = websocket
        try:
            while True:
                await websocket.receive_text()
        except WebSocketDisconnect:
            pass
        finally:
            self._sockets.pop(user_id, None)


class ReplaySession:
    """One per connection: its peers die with it."""

    def __init__(self) -> None:
        self._peers: dict[str, WebSocket] = {}

    async def run(self, websocket: WebSocket, user_id: str) -> None:
        await websocket.accept()
        self._peers[user_id] = websocket
        try:
            while True:
                await websocket.receive_text()
        except WebSocketDisconnect:
            pass


lobby = LobbyServer()
