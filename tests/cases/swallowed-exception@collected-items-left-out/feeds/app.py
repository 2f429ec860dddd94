import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from .mapping import readings_from, readings_logged
from .sync_job import MemberStore, nightly


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(base_url="https://directory.example")
    task = asyncio.create_task(nightly(client, MemberStore()))
    yield
    task.cancel()
    await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/readings")
async def post_readings(rows: list[dict]) -> dict:
    import logging
    return {"stored": len(readings_from(rows)), "checked": len(readings_logged(rows, logging.getLogger("r")))}
