"""Wiring: the forwarder starts with the application; a resync starts when an outage ends."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from relay.resync import Resyncer


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(base_url="http://upstream.internal", timeout=10)
    app.state.resyncer = Resyncer(client)
    task = asyncio.create_task(app.state.resyncer.forward())
    yield
    app.state.resyncer.send(None)
    await task
    await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/upstream/recovered")
async def recovered() -> dict:
    app.state.resyncer.outage_ended()
    return {"ok": True}


@app.post("/events")
async def publish(event: dict) -> dict:
    app.state.resyncer.send(event)
    return {"queued": True}
