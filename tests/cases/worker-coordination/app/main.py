import asyncio
from contextlib import asynccontextmanager

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI

from app.jobs import Cleanup, Rollup, forward


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://app@db/app", command_timeout=30)
    cache = redis.Redis(host="cache", socket_timeout=2)
    queue: asyncio.Queue = asyncio.Queue(maxsize=1000)
    cleanup = Cleanup(pool)
    rollup = Rollup(pool, cache)
    tasks = [
        asyncio.create_task(cleanup.run()),
        asyncio.create_task(rollup.run()),
        asyncio.create_task(forward(queue, cache)),
    ]
    yield
    for task in tasks:
        task.cancel()
    await cache.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)
