import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from redis.asyncio import Redis

from chat.hub import Hub, UnreadCounter


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://chat@db/chat", command_timeout=10)
    hub = Hub(Redis(host="redis.internal", socket_timeout=2))
    counter = UnreadCounter(pool)
    tasks = [asyncio.create_task(hub.listen()), asyncio.create_task(counter.poll())]
    yield
    for task in tasks:
        task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)
