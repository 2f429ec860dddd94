"""Each job object is built where its task is started."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI

from app.jobs import Cleanup, Rollup


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://app@db/app", command_timeout=30)
    cache = redis.Redis(host="cache", socket_timeout=2)
    app.state.cleanup = asyncio.create_task(Cleanup(pool).run(), name="cleanup")
    app.state.rollup = asyncio.create_task(Rollup(pool, cache).run(), name="rollup")
    yield
    for task in (app.state.cleanup, app.state.rollup):
        task.cancel()
    await cache.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/totals")
async def totals() -> dict:
    return {"status": "see daily_totals"}
