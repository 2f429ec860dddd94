import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from jobs.reminders import WeeklyDigest, heartbeat_loop, reminder_loop, summary_loop

pool = None
redis = None


@asynccontextmanager
async def lifespan(app: FastAPI):
    tasks = [asyncio.create_task(reminder_loop(pool)), asyncio.create_task(summary_loop(pool, redis)),
             asyncio.create_task(heartbeat_loop()), asyncio.create_task(WeeklyDigest(pool).run())]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
