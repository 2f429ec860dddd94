"""Application wiring: shared objects live on `app.state`."""
import os

from fastapi import FastAPI, Request, WebSocket, WebSocketDisconnect

from .hub import AsyncMetrics, BoardHub, Metrics

app = FastAPI()


@app.on_event("startup")
async def startup() -> None:
    app.state.hub = BoardHub()
    app.state.metrics = AsyncMetrics() if os.environ.get("ASYNC_METRICS") else Metrics()


@app.websocket("/ws/boards/{board_id}")
async def follow(ws: WebSocket, board_id: int) -> None:
    await ws.accept()
    hub = ws.app.state.hub
    await hub.join(board_id, ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        await hub.leave(board_id, ws)  # expect: unawaited-coroutine


@app.get("/boards/{board_id}")
async def board(request: Request, board_id: int) -> dict[str, int]:
    await request.app.state.metrics.observe("board")
    request.app.state.hub.leave(board_id, None)
    return {"id": board_id}
