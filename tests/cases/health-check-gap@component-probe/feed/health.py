"""Probes for the load balancer and for each component."""
import time

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(prefix="/health", tags=["ops"])


@router.get("/live")
async def live() -> dict[str, str]:
    return {"status": "alive"}


@router.get("/ready")
async def ready(request: Request) -> JSONResponse:
    try:
        async with request.app.state.pool.acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")
    except Exception:
        return JSONResponse({"status": "degraded"}, status_code=503)
    return JSONResponse({"status": "ready"})


@router.get("/importer")
async def importer_health() -> dict[str, str]:
    return {"status": "ok", "component": "importer"}  # expect: health-check-gap


@router.get("/importer-freshness")
async def importer_freshness(request: Request) -> JSONResponse:
    age = time.monotonic() - request.app.state.importer.last_success
    return JSONResponse({"age_s": round(age)}, status_code=200 if age < 120 else 503)
