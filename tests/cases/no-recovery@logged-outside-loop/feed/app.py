import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from feed.watch import Watcher


@asynccontextmanager
async def lifespan(app: FastAPI):
    watcher = Watcher(asyncio.Queue())
    tasks = [
        asyncio.create_task(watcher.watch(app.state.events)),
        asyncio.create_task(watcher.tail(app.state.events)),
    ]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
