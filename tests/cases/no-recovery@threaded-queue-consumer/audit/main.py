from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from .shipper import AuditShipper, ConfigWatcher

client = httpx.AsyncClient(base_url="http://audit.internal", timeout=5)
shipper = AuditShipper(client)


@asynccontextmanager
async def lifespan(app: FastAPI):
    tasks = [asyncio.create_task(shipper.run()), asyncio.create_task(ConfigWatcher(client).run())]
    for task in tasks:
        task.add_done_callback(lambda t: t.cancelled() or t.exception())
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/things")
async def create_thing(name: str) -> dict:
    shipper.submit({"id": name, "action": "create"})
    return {"ok": True}
