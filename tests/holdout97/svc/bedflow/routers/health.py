from __future__ import annotations

import asyncio

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from ..container import Container
from ..deps import get_container

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    # Liveness only says the process can serve; dependencies are checked by /health/deep.
    return {"status": "ok"}


@router.get("/health/ready")
async def ready(container: Container = Depends(get_container)) -> dict[str, object]:
    return {"status": "ok", "board_connections": container.board_hub.connection_count()}


@router.get("/health/deep")
async def deep(container: Container = Depends(get_container)) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        async with container.pool.acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")
        checks["postgres"] = "ok"
    except (OSError, asyncio.TimeoutError) as exc:
        checks["postgres"] = f"error: {exc}"
    try:
        await asyncio.wait_for(container.redis.ping(), timeout=2)
        checks["redis"] = "ok"
    except (OSError, asyncio.TimeoutError) as exc:
        checks["redis"] = f"error: {exc}"
    healthy = all(v == "ok" for v in checks.values())
    return JSONResponse({"status": "ok" if healthy else "degraded", "checks": checks}, status_code=200 if healthy else 503)
