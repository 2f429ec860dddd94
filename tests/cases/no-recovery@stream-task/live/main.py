import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis

from live.hub import Hub
from live.runtime import supervise


@asynccontextmanager
async def lifespan(app: FastAPI):
    hub = Hub(Redis.from_url("redis://cache", socket_timeout=5))
    tasks = [
        asyncio.create_task(hub.pump(), name="live-pump"),  # expect: no-recovery
        asyncio.create_task(supervise("mirror", hub.mirror), name="live-mirror"),
    ]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
