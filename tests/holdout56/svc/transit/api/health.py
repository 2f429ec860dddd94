"""Liveness and readiness probes."""
from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from transit.container import Container, container

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(c: Container = Depends(container)) -> JSONResponse:
    checks: dict[str, Any] = {}

    async def db() -> None:
        async with c.db.pool.acquire(timeout=1.0) as conn:
            await conn.fetchval("SELECT 1", timeout=1.0)

    async def cache() -> None:
        await c.redis.ping()

    for name, probe in (("postgres", db), ("redis", cache)):
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:
            checks[name] = f"fail: {type(exc).__name__}"
    ok = all(v == "ok" for v in checks.values())
    return JSONResponse({"status": "ready" if ok else "degraded", "checks": checks}, status_code=200 if ok else 503)


@router.get("/v1/status")
async def public_status(c: Container = Depends(container)) -> dict[str, Any]:
    """Polled by the rider apps to decide whether to show the "live data delayed" banner."""
    return {
        "status": "ok",
        "feeds": [f"{f.operator}/{f.kind}" for f in c.settings.feeds],
        "live_clients": c.hub.client_count,
    }
