from fastapi import FastAPI, WebSocket

from feeds.sessions import Rooms, Viewer

app = FastAPI()
rooms = Rooms()


@app.websocket("/rooms/{room}")
async def watch(websocket: WebSocket, room: str) -> None:
    await websocket.accept()
    viewer = Viewer(websocket, room)
    rooms.viewers.append(viewer)
    inbox = rooms.open_inbox(room)
    while True:
        event = await viewer.outbox.get()
        await websocket.send_json(event)
        if not inbox.empty():
            await websocket.send_json(inbox.get_nowait())


@app.post("/rooms/{room}/events")
async def post_event(room: str, event: dict) -> dict:
    rooms.publish(room, event)
    rooms.direct(room, event)
    return {}
