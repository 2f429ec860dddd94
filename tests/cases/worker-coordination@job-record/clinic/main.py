import asyncio
import functools
from contextlib import asynccontextmanager

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI

from clinic import jobs
from clinic.timers import Timed, Timer


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool()
    timer = Timer(redis.Redis())
    timer.register(Timed("expire", functools.partial(jobs.expire_slots, pool)))
    timer.register(Timed("remind", lambda: jobs.send_reminders(pool)))
    timer.register(Timed("archive", functools.partial(jobs.archive_visits, pool), one_node=True))
    task = asyncio.create_task(timer.loop())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
