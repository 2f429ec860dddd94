import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from shop import consumer, events

queue: asyncio.Queue = asyncio.Queue(maxsize=1000)


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(consumer.consume(queue))
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/health")
async def health() -> dict:
    return await events.health()
