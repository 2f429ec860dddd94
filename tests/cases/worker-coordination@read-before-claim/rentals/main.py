import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from rentals import ticks
from rentals.repo import BookingRepository


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://rentals@db.internal/rentals", command_timeout=10)
    repo = BookingRepository(pool)
    tasks = [
        asyncio.create_task(ticks.run_handover(repo)),
        asyncio.create_task(ticks.run_returns(repo)),
    ]
    yield
    for task in tasks:
        task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
