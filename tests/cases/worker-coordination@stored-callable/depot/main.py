"""The depot API; its lifespan starts the chore timers."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from . import chores, db
from .timers import Every

TIMERS = {
    "storage": Every(3600, chores.bill_storage),
    "report": Every(60, chores.rotate_report),
    "compact": Every(900, chores.compact_ledger),
}


@asynccontextmanager
async def lifespan(app: FastAPI):
    db.pool = await asyncpg.create_pool("postgresql://depot@db/depot")
    timers = [Every(30, chores.release_expired_holds, label="holds")]
    running = []
    for timer in timers:
        running.append(asyncio.create_task(timer.loop()))
    running += [asyncio.create_task(t.loop()) for t in TIMERS.values()]
    yield
    for task in running:
        task.cancel()


app = FastAPI(lifespan=lifespan)
