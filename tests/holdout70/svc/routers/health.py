from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

router = APIRouter(tags=["ops"])


@router.get("/health/live")
async def live() -> dict:
    return {"status": "alive"}


@router.get("/health/ready")
async def ready(request: Request) -> dict:
    state = request.app.state
    return {"status": "ok", "ws_connections": len(state.hub), "version": state.version}


@router.get("/health/deps")
async def deps(request: Request, response: Response) -> dict:
    state = request.app.state
    checks: dict[str, str] = {}
    try:
        await asyncio.wait_for(state.redis.ping(), timeout=1.0)
        checks["redis"] = "ok"
    except Exception as exc:
        checks["redis"] = f"fail: {type(exc).__name__}"
    try:
        async with state.pg.pool.acquire(timeout=1.0) as conn:
            await conn.fetchval("SELECT 1")
        checks["postgres"] = "ok"
    except Exception as exc:
        checks["postgres"] = f"fail: {type(exc).__name__}"
    if any(v != "ok" for v in checks.values()):
        response.status_code = 503
    return checks


@router.get("/metrics")
async def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
