from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from loyalty.db.engine import session_factory

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    return {"status": "alive"}


@router.get("/health/ready")
async def ready(request: Request) -> dict[str, str]:
    return {"status": "ready", "version": request.app.version}


async def _check_db() -> None:
    async with session_factory()() as session:
        await session.execute(text("SELECT 1"))


@router.get("/health/deps")
async def dependencies(request: Request) -> JSONResponse:
    checks = {
        "database": _check_db(),
        "redis": request.app.state.redis.ping(),
        "pg_pool": request.app.state.pg_pool.fetchval("SELECT 1"),
    }
    results: dict[str, str] = {}
    for name, probe in checks.items():
        try:
            await asyncio.wait_for(probe, timeout=2.0)
            results[name] = "ok"
        except Exception as exc:
            log.warning("health check %s failed: %s", name, exc)
            results[name] = "failed"
    healthy = all(v == "ok" for v in results.values())
    return JSONResponse(results, status_code=200 if healthy else 503)
