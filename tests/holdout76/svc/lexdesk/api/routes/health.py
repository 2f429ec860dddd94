from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from lexdesk import __version__
from lexdesk.api.deps import ContainerDep
from lexdesk.container import Container

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def liveness() -> dict:
    # Liveness only says the event loop is serving; dependencies are checked by /health/deps.
    return {"status": "ok"}


@router.get("/ready")
async def readiness(request: Request) -> dict:
    return {"status": "ready", "version": __version__, "started": getattr(request.app.state, "started_at", None)}


async def _check_postgres(container: Container) -> str:
    async with container.pg.connection() as conn:
        await conn.fetchval("SELECT 1")
    return "ok"


async def _check_redis(container: Container) -> str:
    await container.redis.ping()
    return "ok"


@router.get("/deps")
async def dependencies(container: ContainerDep) -> JSONResponse:
    names = ("postgres", "redis")
    results = await asyncio.gather(
        asyncio.wait_for(_check_postgres(container), timeout=2),
        asyncio.wait_for(_check_redis(container), timeout=2),
        return_exceptions=True,
    )
    report = {name: (r if isinstance(r, str) else f"error: {type(r).__name__}") for name, r in zip(names, results)}
    report["ocr_breaker"] = container.ocr_engine.breaker_state
    healthy = all(report[name] == "ok" for name in names)
    return JSONResponse({"status": "ok" if healthy else "degraded", **report}, status_code=200 if healthy else 503)
