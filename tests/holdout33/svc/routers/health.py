"""Liveness, readiness and dependency checks."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from redis.asyncio import Redis
from sqlalchemy import text

from .. import __version__
from ..db.engine import engine
from ..services.container import Container

router = APIRouter(tags=["health"])


async def _check_db() -> bool:
    try:
        async with engine.connect() as conn:
            await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=2.0)
        return True
    except Exception:
        return False


async def _check_redis(redis: Redis) -> bool:
    try:
        return bool(await asyncio.wait_for(redis.ping(), timeout=1.0))
    except Exception:
        return False


@router.get("/healthz")
async def liveness() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readiness() -> dict[str, str]:
    return {"status": "ready", "version": __version__}


@router.get("/health/dependencies")
async def dependencies(request: Request) -> JSONResponse:
    container: Container = request.app.state.container
    checks = {
        "database": _check_db(),
        "redis": _check_redis(container.redis),
        "carrier": container.carrier.ping(),
    }
    results = await asyncio.gather(*checks.values())
    body = dict(zip(checks.keys(), results))
    status = 200 if body["database"] and body["redis"] else 503
    return JSONResponse({"checks": body, "version": __version__}, status_code=status)
