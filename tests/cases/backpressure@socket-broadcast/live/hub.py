"""Pushes scoreboard updates to the sockets connected to this process."""
from __future__ import annotations

import asyncio

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()


class Scoreboard:
    def __init__(self) -> None:
        self.viewers: set[WebSocket] = set()

    async def push(self, text: str) -> None:
        await asyncio.gather(*[viewer.send_text(text) for viewer in self.viewers])  # expect: backpressure

    async def push_timed(self, text: str) -> None:
        await asyncio.gather(*(self._send(viewer, text) for viewer in self.viewers), return_exceptions=True)

    async def _send(self, viewer: WebSocket, text: str) -> None:
        await asyncio.wait_for(viewer.send_text(text), timeout=2.0)


board = Scoreboard()


@app.websocket("/ws/scores")
async def scores(websocket: WebSocket) -> None:
    await websocket.accept()
    board.viewers.add(websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        board.viewers.discard(websocket)


@app.post("/scores")
async def post_score(text: str) -> dict:
    await board.push(text)
    await board.push_timed(text)
    return {"ok": True}
