from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import text

from lifeline.deps import get_container
from lifeline.services.container import Container

log = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict:
    return {"status": "ok"}


@router.get("/health/ready")
async def ready(container: Container = Depends(get_container)) -> dict:
    return {"status": "ready", "version": container.settings.environment}


@router.get("/health/deep")
async def deep(container: Container = Depends(get_container)) -> JSONResponse:
    async def db() -> None:
        async with container.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def pg() -> None:
        async with container.pool.acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")

    async def cache() -> None:
        await container.redis.ping()

    checks = {"database": db, "pg_pool": pg, "redis": cache}
    results = await asyncio.gather(*(asyncio.wait_for(fn(), timeout=3) for fn in checks.values()), return_exceptions=True)
    status = {name: ("ok" if not isinstance(r, BaseException) else f"error: {r!r}") for name, r in zip(checks, results)}
    healthy = all(v == "ok" for v in status.values())
    if not healthy:
        log.warning("deep health check failed: %s", status)
    return JSONResponse(status, status_code=200 if healthy else 503)
