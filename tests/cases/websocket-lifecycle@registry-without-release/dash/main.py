from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from dash.registry import dashboard, viewers, watchers

app = FastAPI()


@app.websocket("/ws/dashboard/{practitioner_id}")
async def practitioner_dashboard(websocket: WebSocket, practitioner_id: int, token: str) -> None:
    await websocket.accept()
    await dashboard.attach(practitioner_id, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass


@app.websocket("/ws/rooms/{room}")
async def room_viewer(websocket: WebSocket, room: str, token: str) -> None:
    await websocket.accept()
    viewers.join(room, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        viewers.leave(room, websocket)


@app.websocket("/ws/rides/{ride_id}")
async def ride_watch(websocket: WebSocket, ride_id: int, token: str) -> None:
    await websocket.accept()
    watchers.watch(ride_id, websocket)  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
