from fastapi import WebSocket


class AlertFeed:
    def __init__(self) -> None:
        self._sockets: set[WebSocket] = set()

    def attach(self, websocket: WebSocket) -> None:
        self._sockets.add(websocket)

    def detach(self, websocket: WebSocket) -> None:
        self._sockets.discard(websocket)

    async def publish(self, alert: dict) -> None:
        for websocket in list(self._sockets):
            await websocket.send_json(alert)
