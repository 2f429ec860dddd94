from __future__ import annotations

import asyncio

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import text

from arenaops.api.deps import get_container
from arenaops.container import Container

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict:
    return {"status": "alive"}


@router.get("/health/ready")
async def ready(container: Container = Depends(get_container)) -> dict:
    return {"status": "ok", "service": "arenaops"}


@router.get("/health/deps")
async def deps(container: Container = Depends(get_container)) -> JSONResponse:
    checks = {}
    try:
        async with container.engine.connect() as conn:
            await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=2)
        checks["postgres"] = True
    except Exception:
        checks["postgres"] = False
    try:
        checks["redis"] = bool(await asyncio.wait_for(container.redis.ping(), timeout=2))
    except Exception:
        checks["redis"] = False
    return JSONResponse(checks, status_code=200 if all(checks.values()) else 503)
