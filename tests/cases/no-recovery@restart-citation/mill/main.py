import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from mill import loops, sweeps


@asynccontextmanager
async def lifespan(app: FastAPI):
    tasks = [
        asyncio.create_task(loops.mirror_forever()),
        asyncio.create_task(loops.drain_forever()),
        asyncio.create_task(loops.tally_forever()),
        asyncio.create_task(loops.mirror_patiently()),
        asyncio.create_task(sweeps.expire_forever()),
        asyncio.create_task(sweeps.compact_forever()),
        asyncio.create_task(sweeps.expire_carefully()),
    ]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
