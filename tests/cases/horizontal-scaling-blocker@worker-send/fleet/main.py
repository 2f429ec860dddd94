from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from redis.asyncio import Redis

from fleet.sockets import CourierSockets, DeskSockets
from fleet.workers import DeskRelay, OfferWorker, QueuedDeskRelay

couriers = CourierSockets()
desks = DeskSockets()


class ParcelRepo:
    async def claim_unassigned(self, limit: int) -> list:
        return []


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = Redis.from_url("redis://cache:6379/0")
    tasks = [asyncio.create_task(OfferWorker(couriers, ParcelRepo()).run()),
             asyncio.create_task(DeskRelay(desks, redis).run())]
    queued = QueuedDeskRelay(desks, redis)
    tasks += [asyncio.create_task(queued.listen()), asyncio.create_task(queued.deliver())]
    yield
    for task in tasks:
        task.cancel()
    await redis.aclose()


app = FastAPI(lifespan=lifespan)


@app.websocket("/ws/courier/{courier_id}")
async def courier_socket(ws: WebSocket, courier_id: int) -> None:
    await ws.accept()
    couriers.attach(courier_id, ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        couriers.detach(courier_id)


@app.websocket("/ws/desk/{desk_id}")
async def desk_socket(ws: WebSocket, desk_id: int) -> None:
    await ws.accept()
    desks.attach(desk_id, ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        desks.detach(desk_id)
