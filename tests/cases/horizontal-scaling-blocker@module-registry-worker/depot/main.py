import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis

from depot import board, drivers, gates, progress
from depot.jobs import dispatch_loop, gates_loop, import_loop


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = Redis.from_url("redis://cache", socket_timeout=2)
    tasks = [asyncio.create_task(import_loop()), asyncio.create_task(dispatch_loop(redis)),
             asyncio.create_task(gates_loop()),
             asyncio.create_task(board.relay(redis))]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
for module in (progress, drivers, board, gates):
    app.include_router(module.router)
