from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import text

from svc.cache.redis_client import jobs_redis, presence_redis
from svc.db.engine import engine

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def liveness() -> dict[str, str]:
    return {"status": "alive"}


@router.get("/readyz")
async def readiness(request: Request, response: Response) -> dict[str, str]:
    checks: dict[str, str] = {}

    async def _db() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def _pg_pool() -> None:
        pool = request.app.state.container.pool
        async with pool.acquire(timeout=1.0) as conn:
            await conn.fetchval("SELECT 1")

    for name, probe in (("db", _db()), ("pg_pool", _pg_pool()), ("redis", presence_redis.ping()),
                        ("jobs_redis", jobs_redis.ping())):
        try:
            await asyncio.wait_for(probe, timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:
            checks[name] = f"error: {type(exc).__name__}"
    if any(v != "ok" for v in checks.values()):
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return checks
