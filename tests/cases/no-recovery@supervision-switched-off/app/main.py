from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from app.tasks import Tasks
from app.workers import Promoter, Rollup


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(base_url="https://fleet.example", timeout=10)
    tasks = Tasks()
    tasks.start("rollup", Rollup(client).run)
    tasks.start("promoter", Promoter(client).run, supervised=False)
    yield
    await client.aclose()


app = FastAPI(lifespan=lifespan)
