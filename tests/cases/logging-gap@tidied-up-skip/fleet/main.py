import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from fleet.jobs import housekeeping


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(housekeeping())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
