from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from readroom.cache.redis_client import get_redis
from readroom.db.engine import engine

log = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def liveness() -> dict:
    return {"status": "alive"}


@router.get("/readyz")
async def readiness(request: Request) -> dict:
    started = getattr(request.app.state, "started", False)
    return {"status": "ready", "started": started}


@router.get("/healthz/deep")
async def deep_health() -> JSONResponse:
    checks: dict[str, str] = {}

    async def _db() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def _redis() -> None:
        await get_redis().ping()

    for name, probe in (("database", _db), ("redis", _redis)):
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:
            log.warning("health probe %s failed: %s", name, exc)
            checks[name] = f"fail: {type(exc).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JSONResponse(status_code=200 if healthy else 503, content={"checks": checks})
