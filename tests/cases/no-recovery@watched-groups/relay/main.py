from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, WebSocket

from .pumps import DeviceSession, ReadingConsumers, poll_status

upstream = httpx.AsyncClient(base_url="http://devices.internal", timeout=10)


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.poller = asyncio.create_task(poll_status())
    app.state.consumers = asyncio.create_task(ReadingConsumers(upstream).run())
    yield
    app.state.poller.cancel()
    app.state.consumers.cancel()


app = FastAPI(lifespan=lifespan)


@app.websocket("/devices")
async def device(websocket: WebSocket) -> None:
    await websocket.accept()
    await DeviceSession(websocket, upstream).run()
