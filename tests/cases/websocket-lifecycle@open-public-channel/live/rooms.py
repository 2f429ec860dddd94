from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()


class Rooms:
    def __init__(self) -> None:
        self.members: dict[int, set[WebSocket]] = {}

    def join(self, room_id: int, ws: WebSocket) -> None:
        self.members.setdefault(room_id, set()).add(ws)

    def leave(self, room_id: int, ws: WebSocket) -> None:
        self.members.get(room_id, set()).discard(ws)


rooms = Rooms()


@router.websocket("/ws/rooms/{room_id}")
async def room_socket(ws: WebSocket, room_id: int) -> None:
    await ws.accept()  # expect: websocket-lifecycle
    rooms.join(room_id, ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        rooms.leave(room_id, ws)
