"""Media API: starts the event consumer with the app."""
import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from media.consumer import EventConsumer, prune_once


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="http://media-core", timeout=10)
    consumer = EventConsumer(http)
    app.state.consumer = consumer
    task = asyncio.create_task(consumer.run())
    yield
    task.cancel()
    await prune_once(http)
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/events")
async def publish(event: dict) -> dict:
    app.state.consumer.queue.put_nowait(event)
    return {"queued": True}
