from __future__ import annotations

import asyncio

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from homegrid import __version__
from homegrid.api.deps import get_container
from homegrid.container import Container
from homegrid.ws.hub import hub

router = APIRouter(tags=["health"])


@router.get("/healthz/live")
async def live() -> dict[str, str]:
    return {"status": "alive", "version": __version__}


@router.get("/healthz/ready")
async def ready(container: Container = Depends(get_container)) -> dict[str, str]:
    return {"status": "ready", "version": __version__}


@router.get("/healthz/deps")
async def dependencies(container: Container = Depends(get_container)) -> JSONResponse:
    checks: dict[str, str] = {}

    async def _db() -> None:
        async with container.db.connection() as conn:
            await conn.fetchval("SELECT 1")

    for name, probe in (("postgres", _db), ("redis", container.redis.ping)):
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:
            checks[name] = f"error: {type(exc).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JSONResponse(status_code=200 if healthy else 503, content=checks)


@router.get("/metrics/runtime")
async def runtime_metrics(container: Container = Depends(get_container)) -> dict[str, int | float]:
    pool = container.db.pool
    return {
        "ws_connections": hub.connection_count(),
        "db_pool_size": pool.get_size(),
        "db_pool_idle": pool.get_idle_size(),
        "tasks": len(asyncio.all_tasks()),
    }
