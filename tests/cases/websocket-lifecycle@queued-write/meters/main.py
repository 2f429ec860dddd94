"""Meter gateway service."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI

from meters.intake import AlarmRelay, ReadingIntake
from meters.ws import gateway


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://localhost/meters")
    app.state.intake = ReadingIntake(pool)
    app.state.relay = AlarmRelay(redis.Redis())
    tasks = [asyncio.create_task(app.state.intake.write_forever()), asyncio.create_task(app.state.relay.pump())]
    yield
    for task in tasks:
        task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)
app.include_router(gateway.router)
