import asyncio
import os
from contextlib import asynccontextmanager

import redis.asyncio as aioredis
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from stock.jobs import flag_loop_when_leader, sweep_loop

sessions = async_sessionmaker(create_async_engine("postgresql+asyncpg://localhost/stock"))


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = aioredis.Redis(host="redis")
    tasks = [asyncio.create_task(sweep_loop(sessions)),
             asyncio.create_task(flag_loop_when_leader(sessions, redis, str(os.getpid())))]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
