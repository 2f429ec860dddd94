"""Room membership for the lobby sockets, kept per process."""
from fastapi import WebSocket


class ConnectionManager:
    def __init__(self) -> None:
        self._rooms: dict[str, set[WebSocket]] = {}

    async def connect(self, room: str, websocket: WebSocket) -> None:
        await websocket.accept()
        self._rooms.setdefault(room, set()).add(websocket)

    def disconnect(self, room: str, websocket: WebSocket) -> None:
        members = self._rooms.get(room)
        if members is not None:
            members.discard(websocket)
            if not members:
                del self._rooms[room]

    async def broadcast(self, room: str, text: str) -> None:
        for member in list(self._rooms.get(room, ())):
            await member.send_text(text)


manager = ConnectionManager()
