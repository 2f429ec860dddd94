from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from bakery.runtime import Jobs, every
from bakery.work import DailyDigest, StaleOrders, TempFlusher, record_temp


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://bakery@db/bakery", command_timeout=10)
    jobs = Jobs()
    stale, digest, flusher = StaleOrders(pool), DailyDigest(pool), TempFlusher(pool)
    jobs.start("stale-orders", lambda: every(600, stale.run_once))
    jobs.start("digest", digest.run, supervised=False)
    jobs.start("temps", lambda: every(10, flusher.flush))
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/ovens/{oven}/temp")
async def oven_temp(oven: str, celsius: float) -> dict:
    record_temp(oven, celsius)
    return {"ok": True}
