import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from gym.jobs import expire_passes, remind_overdue, remind_renewals, repeat


@asynccontextmanager
async def lifespan(app: FastAPI):
    tasks = [
        asyncio.create_task(repeat(900, remind_overdue)),
        asyncio.create_task(repeat(3600, remind_renewals)),
        asyncio.create_task(repeat(600, expire_passes)),
    ]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
