"""The API app; its lifespan starts the background loops."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from . import db, runner


@asynccontextmanager
async def lifespan(app: FastAPI):
    await db.open_pool("postgresql://fleet@db/fleet")
    stop = asyncio.Event()
    tasks = runner.start_loops(stop)
    yield
    stop.set()
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
