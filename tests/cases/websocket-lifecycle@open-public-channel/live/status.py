from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()


class Lobby:
    def __init__(self) -> None:
        self.sockets: set[WebSocket] = set()

    def join(self, ws: WebSocket) -> None:
        self.sockets.add(ws)

    def leave(self, ws: WebSocket) -> None:
        self.sockets.discard(ws)


lobby = Lobby()


@router.websocket("/ws/status")
async def status_stream(ws: WebSocket) -> None:
    """The public status page: the same feed for everyone, no id to pick."""
    await ws.accept()
    lobby.join(ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        lobby.leave(ws)
