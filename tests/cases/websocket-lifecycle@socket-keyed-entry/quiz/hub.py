"""Quiz rooms: the open sockets per room."""
from fastapi import WebSocket


class RoomHub:
    def __init__(self) -> None:
        self.rooms: dict[str, set[WebSocket]] = {}

    async def connect(self, room: str, websocket: WebSocket) -> None:
        await websocket.accept()
        self.rooms.setdefault(room, set()).add(websocket)

    def disconnect(self, room: str, websocket: WebSocket) -> None:
        self.rooms.get(room, set()).discard(websocket)


hub = RoomHub()
