from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from redis.asyncio import Redis

from depot.sockets import BoardSockets, PickerSockets
from depot.workers import BoardFeed, PickConsumer

pickers = PickerSockets()
boards = BoardSockets()


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = Redis.from_url("redis://cache:6379/0")
    tasks = [asyncio.create_task(PickConsumer(pickers, redis).run()),
             asyncio.create_task(BoardFeed(boards, redis).run())]
    yield
    for task in tasks:
        task.cancel()
    await redis.aclose()


app = FastAPI(lifespan=lifespan)


@app.websocket("/ws/picker/{picker_id}")
async def picker_socket(ws: WebSocket, picker_id: int) -> None:
    await ws.accept()
    pickers.attach(picker_id, ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pickers.detach(picker_id)


@app.websocket("/ws/board/{zone_id}")
async def board_socket(ws: WebSocket, zone_id: int) -> None:
    await ws.accept()
    boards.attach(zone_id, ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        boards.detach(zone_id)
