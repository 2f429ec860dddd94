"""Lifespan wiring: queues between the feed and the broadcaster, background workers."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.workers.digest import DigestWorker
from app.workers.feed import FeedReader
from app.ws.hub import hub


@asynccontextmanager
async def lifespan(app: FastAPI):
    ticks: asyncio.Queue = asyncio.Queue()  # expect: backpressure
    orders: asyncio.Queue = asyncio.Queue(maxsize=500)
    reader = FeedReader(app.state.client, ticks)
    digest = DigestWorker(app.state.db)
    feed_task = asyncio.create_task(reader.run(), name="feed")
    fan_out = asyncio.create_task(hub.pump(ticks), name="fan-out")
    asyncio.create_task(digest.run())  # expect: backpressure
    background = [feed_task, fan_out]
    async with asyncio.TaskGroup() as group:
        group.create_task(orders.join())
    yield
    for task in background:
        task.cancel()
    await asyncio.gather(*background, return_exceptions=True)


app = FastAPI(lifespan=lifespan)
