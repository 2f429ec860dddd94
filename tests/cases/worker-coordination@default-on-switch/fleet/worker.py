"""The same switch read from the module-level settings object in a second app."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from fleet.jobs import purge_trips
from fleet.settings import settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = None
    if settings.start_background_jobs:
        task = asyncio.create_task(purge_trips())
    yield
    if task is not None:
        task.cancel()


ops = FastAPI(lifespan=lifespan)
