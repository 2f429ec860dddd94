"""The web app starts its schedulers in the lifespan."""
from contextlib import asynccontextmanager

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI

from app.jobs import DigestScheduler, ExpiryScheduler


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://app@db/app", command_timeout=30)
    cache = redis.Redis(host="cache", socket_timeout=2)
    expiry = ExpiryScheduler(pool, 30.0)
    expiry.start()
    digest = DigestScheduler(pool, cache)
    digest.start()
    yield
    await expiry.stop()
    await cache.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/health")
async def health() -> dict:
    return {"ok": True}
