"""Look-alike: the redis probe sits beside a readiness probe that queries the database."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
import redis.asyncio as aioredis
from fastapi import FastAPI, HTTPException, Request


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool("postgresql://svc@db/svc", command_timeout=30)
    app.state.redis = aioredis.Redis.from_url("redis://cache:6379/0", socket_timeout=2)
    yield
    await app.state.redis.aclose()
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/health/cache")
async def cache_health(request: Request) -> dict:
    try:
        await request.app.state.redis.ping()
    except Exception as exc:
        raise HTTPException(503, "redis unavailable") from exc
    return {"status": "ok", "checked": ["redis"]}


@app.get("/ready")
async def ready(request: Request) -> dict:
    try:
        await asyncio.wait_for(request.app.state.pool.fetchval("SELECT 1"), timeout=2)
    except Exception as exc:
        raise HTTPException(503, "database unavailable") from exc
    return {"status": "ready"}


@app.get("/status")
async def status() -> dict:
    return {"status": "ok"}  # expect: health-check-gap


@app.get("/passes/{pass_id}")
async def get_pass(pass_id: int, request: Request) -> dict:
    cached = await request.app.state.redis.get(f"pass:{pass_id}")
    if cached:
        return {"id": pass_id, "holder": cached}
    row = await request.app.state.pool.fetchrow("SELECT holder FROM passes WHERE id = $1", pass_id)
    return {"id": pass_id, "holder": row["holder"] if row else None}
