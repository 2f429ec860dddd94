"""In-process room registry."""
from collections import defaultdict

from fastapi import WebSocket


class Rooms:
    def __init__(self) -> None:
        self.members: dict[str, set[WebSocket]] = defaultdict(set)

    async def join(self, room: str, websocket: WebSocket) -> None:
        await websocket.accept()
        self.members[room].add(websocket)

    def leave(self, room: str, websocket: WebSocket) -> None:
        self.members[room].discard(websocket)

    async def publish(self, room: str, message: dict) -> None:
        for member in list(self.members[room]):
            try:
                await member.send_json(message)
            except RuntimeError:
                self.leave(room, member)


rooms = Rooms()
