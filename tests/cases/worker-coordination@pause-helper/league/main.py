"""The league API starts its maintenance jobs with the app."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI

from league.jobs import Archiver, Demotion


def _spawn(tasks: set, coro, name: str) -> None:
    task = asyncio.create_task(coro, name=name)
    tasks.add(task)
    task.add_done_callback(tasks.discard)


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://league@db/league", command_timeout=30)
    cache = redis.Redis(host="cache", socket_timeout=2)
    stop = asyncio.Event()
    tasks: set = set()
    _spawn(tasks, Demotion(pool).run(stop), "demotion")
    _spawn(tasks, Archiver(pool, cache).run(stop), "archiver")
    yield
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    await cache.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)
