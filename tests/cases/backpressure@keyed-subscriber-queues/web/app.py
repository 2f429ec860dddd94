from fastapi import FastAPI, WebSocket

from feeds.alerts import AlertBoard
from feeds.hub import ToteHub

app = FastAPI()
hub = ToteHub()
board = AlertBoard()


@app.websocket("/ws/tote/{viewer}")
async def tote(ws: WebSocket, viewer: str) -> None:
    await ws.accept()
    inbox = hub.join(viewer)
    try:
        while True:
            await ws.send_json(await inbox.get())
    finally:
        hub.leave(viewer)
