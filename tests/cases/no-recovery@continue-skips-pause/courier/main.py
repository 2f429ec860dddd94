import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from courier.relay import Bus, careful_pump, drain_then_stop, paced_sweeper, pump, sweeper, watch_disconnect


@asynccontextmanager
async def lifespan(app: FastAPI):
    bus = Bus()
    tasks = [asyncio.create_task(pump(bus))]
    tasks.append(asyncio.create_task(sweeper(bus)))
    tasks.append(asyncio.create_task(careful_pump(bus)))
    tasks.append(asyncio.create_task(paced_sweeper(bus)))
    tasks.append(asyncio.create_task(watch_disconnect(bus)))
    tasks.append(asyncio.create_task(drain_then_stop(bus)))
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
