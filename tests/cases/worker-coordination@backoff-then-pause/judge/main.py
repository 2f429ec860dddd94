import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from redis.asyncio import Redis

from judge.jobs import rating_loop, standings_loop


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://judge@db/judge")
    redis = Redis(host="cache")
    stop = asyncio.Event()
    tasks = [asyncio.create_task(rating_loop(pool, stop)), asyncio.create_task(standings_loop(pool, redis, stop))]
    yield
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    await pool.close()


app = FastAPI(lifespan=lifespan)
