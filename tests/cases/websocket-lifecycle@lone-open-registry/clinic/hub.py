"""Screens in the treatment rooms, by room."""
from fastapi import WebSocket


class RoomScreens:
    def __init__(self) -> None:
        self._screens: dict[str, set[WebSocket]] = {}

    def hang(self, room: str, websocket: WebSocket) -> None:
        self._screens.setdefault(room, set()).add(websocket)

    def unhang(self, room: str, websocket: WebSocket) -> None:
        self._screens.get(room, set()).discard(websocket)

    async def show(self, room: str, payload: dict) -> None:
        for websocket in list(self._screens.get(room, ())):
            await websocket.send_json(payload)


screens = RoomScreens()
