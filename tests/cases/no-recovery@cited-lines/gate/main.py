import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from gate.loops import BarrierSync, Heartbeat, PlateReader


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(base_url="http://gate-controller", timeout=5)
    loops = (
        BarrierSync(client).run(),
        PlateReader(client).run(),
        Heartbeat(client).run(),
    )
    tasks = [asyncio.create_task(loop) for loop in loops]
    yield
    for task in tasks:
        task.cancel()
    await client.aclose()


app = FastAPI(lifespan=lifespan)
