import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from depot import listeners


@asynccontextmanager
async def lifespan(app: FastAPI):
    tasks = [
        asyncio.create_task(listeners.restock_listener()),
        asyncio.create_task(listeners.refund_listener()),
        asyncio.create_task(listeners.screen_fanout()),
        asyncio.create_task(listeners.claimed_listener()),
    ]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
