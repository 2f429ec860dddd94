from __future__ import annotations

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from jobs.tracker import tracker

app = FastAPI()


@app.websocket("/runners/connect")
async def connect(websocket: WebSocket, runner_id: str) -> None:
    await websocket.accept()
    hello = await websocket.receive_json()
    tracker.observe(runner_id, hello.get("kinds", []))
    try:
        while True:
            await websocket.receive_json()
            tracker.observe(runner_id, [])
    except WebSocketDisconnect:
        pass
    finally:
        tracker.forget(runner_id)


@app.get("/runners/{kind}")
async def runners(kind: str) -> list[dict]:
    return tracker.runners_for(kind)
