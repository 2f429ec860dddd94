import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from courier.relay import Bus, careful_pump, paced_sweeper, pump, sweeper


@asynccontextmanager
async def lifespan(app: FastAPI):
    bus = Bus()
    tasks = [asyncio.create_task(pump(bus))]
    tasks.append(asyncio.create_task(sweeper(bus)))
    tasks.append(asyncio.create_task(careful_pump(bus)))
    tasks.append(asyncio.create_task(paced_sweeper(bus)))
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
