from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(prefix="/health", tags=["health"])
logger = logging.getLogger(__name__)


@router.get("/live")
async def live() -> dict:
    return {"status": "ok"}


@router.get("/ready")
async def ready(request: Request) -> dict:
    return {"status": "ok", "version": request.app.version}


@router.get("/deps")
async def deps(request: Request) -> JSONResponse:
    state = request.app.state
    checks: dict[str, bool] = {}
    try:
        checks["redis"] = bool(await asyncio.wait_for(state.redis.ping(), timeout=1.0))
    except Exception:
        logger.warning("redis health check failed", exc_info=True)
        checks["redis"] = False
    try:
        checks["postgres"] = await asyncio.wait_for(state.pg.ping(), timeout=2.0)
    except Exception:
        logger.warning("postgres health check failed", exc_info=True)
        checks["postgres"] = False
    healthy = all(checks.values())
    return JSONResponse({"status": "ok" if healthy else "degraded", "checks": checks}, status_code=200 if healthy else 503)
