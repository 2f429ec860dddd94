from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from rooms.hub import RoomHub

app = FastAPI()
hub = RoomHub()


@app.websocket("/rooms/{room}")
async def room_socket(websocket: WebSocket, room: str) -> None:
    await websocket.accept()
    hub.join(room, websocket)
    try:
        while True:
            text = await websocket.receive_text()
            await hub.broadcast(room, {"room": room, "text": text})
    except WebSocketDisconnect:
        pass
    finally:
        hub.leave(room, websocket)


@app.post("/rooms/{room}/hooks")
async def hooks(room: str, urls: list[str]) -> None:
    await hub.notify_hooks(urls, {"room": room})
