"""Liveness and readiness probes."""
from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import text

from svc.config import settings
from svc.container import Container
from svc.db.engine import SessionLocal, stats_pool
from svc.deps import get_container

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def liveness() -> dict[str, str]:
    return {"status": "alive"}


async def _check_db() -> str:
    async with SessionLocal() as session:
        await asyncio.wait_for(session.execute(text("SELECT 1")), timeout=2.0)
    return "ok"


async def _check_stats_db() -> str:
    async with stats_pool.connection() as conn:
        await conn.fetchval("SELECT 1", timeout=2.0)
    return "ok"


@router.get("/ready")
async def readiness(c: Container = Depends(get_container)) -> JSONResponse:
    checks: dict[str, Any] = {}
    probes = {"db": _check_db(), "stats_db": _check_stats_db(), "redis": asyncio.wait_for(c.redis.ping(), timeout=1.0)}
    for name, probe in probes.items():
        try:
            await probe
            checks[name] = "ok"
        except Exception as exc:
            checks[name] = f"error: {exc.__class__.__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JSONResponse({"status": "ready" if healthy else "degraded", "checks": checks}, status_code=200 if healthy else 503)


@router.get("/ingest")
async def ingest_health(c: Container = Depends(get_container)) -> dict[str, Any]:
    return {"status": "ok", "worker": "ingest", "node": settings.node_name}
