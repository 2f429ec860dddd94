from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text

from stacks.db.pool import ACQUIRE_TIMEOUT_S

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def liveness() -> dict:
    return {"status": "alive"}


@router.get("/readyz")
async def readiness(request: Request) -> dict:
    return {"status": "ready", "version": request.app.version}


@router.get("/health/dependencies")
async def dependencies(request: Request) -> dict:
    state = request.app.state
    result = {}
    async with state.pg_pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
        result["asyncpg"] = await conn.fetchval("SELECT 1") == 1
    async with state.sessionmaker() as session:
        result["orm"] = (await session.execute(text("SELECT 1"))).scalar() == 1
    result["redis"] = bool(await state.redis.ping())
    return result
