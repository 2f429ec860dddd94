"""Gate rooms: the open sockets per gate."""
from fastapi import WebSocket


class GateHub:
    def __init__(self) -> None:
        self.rooms: dict[str, set[WebSocket]] = {}

    async def connect(self, gate: str, websocket: WebSocket) -> None:
        await websocket.accept()
        self.rooms.setdefault(gate, set()).add(websocket)

    def disconnect(self, gate: str, websocket: WebSocket) -> None:
        self.rooms.get(gate, set()).discard(websocket)


hub = GateHub()
