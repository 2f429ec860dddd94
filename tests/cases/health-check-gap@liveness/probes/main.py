"""A service backed by Postgres and Redis."""
from contextlib import asynccontextmanager

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI, Request

from probes import health


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool("postgresql://svc@db/svc", command_timeout=30)
    app.state.cache = redis.Redis(host="cache", socket_timeout=2)
    yield
    await app.state.cache.aclose()
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)
app.include_router(health.router)


@app.get("/profiles/{user_id}")
async def profile(user_id: int, request: Request) -> dict:
    cached = await request.app.state.cache.get(f"profile:{user_id}")
    if cached:
        return {"profile": cached}
    async with request.app.state.pool.acquire(timeout=5) as conn:
        row = await conn.fetchrow("SELECT name FROM profiles WHERE id = $1", user_id)
    return {"profile": row["name"] if row else None}
