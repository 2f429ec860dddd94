from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from pulsewatch import __version__
from pulsewatch.api.middleware import ROUTE_STATS

router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> dict[str, str]:
    return {"status": "alive"}


@router.get("/readyz")
async def readyz(request: Request) -> dict[str, Any]:
    settings = request.app.state.settings
    return {"status": "ready", "version": __version__, "region": settings.region}


@router.get("/healthz/dependencies")
async def dependencies(request: Request) -> JSONResponse:
    checks: dict[str, str] = {}

    async def _db() -> None:
        await request.app.state.pool.fetchval("SELECT 1")

    async def _redis() -> None:
        await request.app.state.redis.ping()

    for name, probe in (("postgres", _db), ("redis", _redis)):
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:
            checks[name] = f"error: {type(exc).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JSONResponse(status_code=200 if healthy else 503, content={"status": "ok" if healthy else "degraded", "checks": checks})


@router.get("/internal/stats")
async def stats() -> dict[str, Any]:
    return {route: dict(counter) for route, counter in ROUTE_STATS.items()}
