import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis

from fleet import supervise


async def drain() -> None:
    while True:
        await asyncio.sleep(5)


@asynccontextmanager
async def lifespan(app: FastAPI):
    stop = asyncio.Event()
    redis = Redis.from_url("redis://cache", socket_timeout=1.0)
    tasks = [
        asyncio.create_task(supervise.supervise("drain", lambda: drain(), stop)),
        asyncio.create_task(supervise.supervise_reporting(redis, "drain-2", lambda: drain())),
    ]
    yield
    stop.set()
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
