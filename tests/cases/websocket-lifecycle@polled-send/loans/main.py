"""Live application status over websockets."""
import asyncio

from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from starlette.websockets import WebSocketState

from loans import repo

app = FastAPI()


@app.websocket("/applications/{application_id}/live")
async def application_status(websocket: WebSocket, application_id: int) -> None:  # expect: websocket-lifecycle
    await websocket.accept()
    last: str | None = None
    while websocket.client_state == WebSocketState.CONNECTED:
        status = await repo.status_of(application_id)
        if status != last:
            last = status
            await websocket.send_json({"status": status})
        await asyncio.sleep(5)


@app.websocket("/applications/{application_id}/ticker")
async def application_ticker(websocket: WebSocket, application_id: int) -> None:
    """Sends every round: a closed connection fails the next send within 5 s."""
    await websocket.accept()
    try:
        while True:
            status = await repo.status_of(application_id)
            await websocket.send_json({"status": status})
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        return
