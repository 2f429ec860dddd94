"""Routes over one process-wide hub."""
from __future__ import annotations

import asyncpg
from fastapi import FastAPI

from relay.hub import Hub

app = FastAPI()
hub: Hub | None = None


@app.on_event("startup")
async def startup() -> None:
    global hub
    hub = Hub(await asyncpg.create_pool("postgresql://relay"))


@app.post("/subs/{name}")
async def join(name: str) -> None:
    await hub.subscribe(name)


@app.delete("/subs/{name}")
async def leave(name: str) -> None:
    await hub.unsubscribe(name)


@app.post("/turns/{turn_id}")
async def begin(turn_id: str, flush: bool = True) -> None:
    await hub.begin(turn_id, flush)


@app.delete("/turns/{turn_id}")
async def end(turn_id: str) -> None:
    await hub.end(turn_id)


@app.get("/profiles/{name}")
async def profile(name: str) -> dict:
    return await hub.profile(name)


@app.put("/profiles/{name}")
async def rename(name: str, title: str) -> None:
    await hub.rename(name, title)
